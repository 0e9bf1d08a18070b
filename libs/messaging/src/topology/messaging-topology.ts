import { Logger } from '@nestjs/common';
import type { Channel, ChannelModel } from 'amqplib';
import type { AmqpConnection } from '../connection/amqp-connection';
import type { LogicalExchange } from '../contracts/message-types';
import type { MessagingLogger } from '../messaging-logger';
import { agencyInboxQueue, type ConsumerQueueDefinition } from './consumer-queue-definition';
import {
  consumerQueueArguments,
  DEFAULT_DELIVERY_LIMIT,
  parkedQueueArguments,
} from './queue-arguments';
import { exchangeName, queueName, topologyNames, type TopologyNames } from './topology-names';

export interface TopologySettings {
  /** AMQP_PREFIX; default `docaxis`. */
  prefix?: string;
  /** Returns before a message is parked; part of the queue arguments. Default 5. */
  deliveryLimit?: number;
  logger?: MessagingLogger;
}

/**
 * Declares the exchanges and queues, idempotently, and again after every reconnect (a broker
 * restart with non-durable state, or someone deleting a queue, heals on the next connect).
 *
 *   <p>.events (topic) ──bindings──▶ <p>.<consumer>.v1 (quorum) ─┐
 *   <p>.delivery (direct, key = agency code) ──▶ <p>.inbox.<code>.v1 (quorum) ─┤ delivery limit,
 *   <p>.dead-letter (topic) ◀── rejected / over the delivery limit ───────────┘ rejections
 *   <p>.dead-letter ──#──▶ <p>.parked.v1
 */
export class MessagingTopology {
  readonly names: TopologyNames;
  readonly deliveryLimit: number;
  private readonly logger: MessagingLogger;
  /** Logical queue name → definition: everything this instance declared, for reconnects and cleanup. */
  private readonly queues = new Map<string, ConsumerQueueDefinition>();
  /** Broker queue name → its declaration (in flight or done), so repeated calls cost nothing. */
  private readonly declarations = new Map<string, Promise<void>>();
  private baseDeclared?: Promise<void>;
  private removeHook?: () => void;

  constructor(
    private readonly connection: AmqpConnection,
    settings: TopologySettings = {},
  ) {
    this.names = topologyNames(settings.prefix ?? 'docaxis');
    this.deliveryLimit = settings.deliveryLimit ?? DEFAULT_DELIVERY_LIMIT;
    consumerQueueArguments(this.names, this.deliveryLimit); // validates the limit now
    this.logger = settings.logger ?? new Logger(MessagingTopology.name);
  }

  exchangeName(exchange: LogicalExchange): string {
    return exchangeName(this.names, exchange);
  }

  /** Broker name of a logical queue (`verifier.dispatch-submitted` → `docaxis.verifier.dispatch-submitted.v1`). */
  queueName(queue: ConsumerQueueDefinition | string): string {
    return queueName(this.names.prefix, typeof queue === 'string' ? queue : queue.name);
  }

  /**
   * Declares the exchanges, the parked queue and every queue declared so far, and re-declares
   * all of it after each reconnect from then on.
   */
  async declare(): Promise<void> {
    await this.ensureBase();
    await Promise.all([...this.queues.values()].map((queue) => this.declareQueue(queue)));
  }

  /** Declares one consumer queue with its bindings (after the base topology); returns its broker name. */
  async declareQueue(queue: ConsumerQueueDefinition): Promise<string> {
    const name = this.queueName(queue);
    this.queues.set(queue.name, queue);
    let declaration = this.declarations.get(name);
    if (!declaration) {
      declaration = this.ensureBase().then(() =>
        this.onChannel((channel) => this.declareConsumerQueue(channel, queue)),
      );
      this.declarations.set(name, declaration);
    }
    try {
      await declaration;
    } catch (error) {
      this.declarations.delete(name);
      throw error;
    }
    return name;
  }

  private async ensureBase(): Promise<void> {
    this.removeHook ??= this.connection.addConnectHook('topology', (model) =>
      this.redeclare(model),
    );
    this.baseDeclared ??= this.onChannel((channel) => this.declareBase(channel));
    try {
      await this.baseDeclared;
    } catch (error) {
      this.baseDeclared = undefined;
      throw error;
    }
  }

  /**
   * The inbox queue of an agency, declared on demand (a new agency in the directory, or a
   * recipient seen for the first time) before anything is routed to it: the delivery exchange
   * publishes with `mandatory`, so a missing inbox is an error, not a silent loss.
   */
  ensureAgencyInbox(agencyCode: string): Promise<string> {
    return this.declareQueue(agencyInboxQueue(agencyCode));
  }

  /** Removes every queue and exchange this instance declared (tests clean their prefix with it). */
  async deleteDeclared(): Promise<void> {
    this.removeHook?.();
    this.removeHook = undefined;
    const queues = [...this.queues.values()].map((q) => this.queueName(q));
    await this.onChannel(async (channel) => {
      for (const name of [...queues, this.names.parkedQueue]) await channel.deleteQueue(name);
      for (const name of [
        this.names.eventsExchange,
        this.names.deliveryExchange,
        this.names.deadLetterExchange,
      ]) {
        await channel.deleteExchange(name);
      }
    });
    this.queues.clear();
    this.declarations.clear();
    this.baseDeclared = undefined;
  }

  /** Broker names of the queues declared so far (besides the parked queue). */
  declaredQueueNames(): string[] {
    return [...this.queues.values()].map((q) => this.queueName(q));
  }

  private async redeclare(model: ChannelModel): Promise<void> {
    const channel = await model.createChannel();
    channel.on('error', () => undefined); // the failing operation rejects with the same error
    try {
      await this.declareBase(channel);
      for (const queue of this.queues.values()) await this.declareConsumerQueue(channel, queue);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  private async declareBase(channel: Channel): Promise<void> {
    const { eventsExchange, deliveryExchange, deadLetterExchange, parkedQueue } = this.names;
    await channel.assertExchange(eventsExchange, 'topic', { durable: true });
    await channel.assertExchange(deliveryExchange, 'direct', { durable: true });
    await channel.assertExchange(deadLetterExchange, 'topic', { durable: true });
    await channel.assertQueue(parkedQueue, { durable: true, arguments: parkedQueueArguments() });
    await channel.bindQueue(parkedQueue, deadLetterExchange, '#');
  }

  private async declareConsumerQueue(
    channel: Channel,
    queue: ConsumerQueueDefinition,
  ): Promise<void> {
    const name = this.queueName(queue);
    await channel.assertQueue(name, {
      durable: true,
      arguments: consumerQueueArguments(this.names, this.deliveryLimit),
    });
    for (const binding of queue.bindings) {
      await channel.bindQueue(name, this.exchangeName(binding.exchange), binding.routingKey);
    }
  }

  /** Runs declarations on a short-lived channel: a PRECONDITION_FAILED closes only that channel. */
  private async onChannel<T>(work: (channel: Channel) => Promise<T>): Promise<T> {
    const channel = await this.connection.createChannel();
    let lastError: Error | undefined;
    channel.on('error', (error: Error) => {
      lastError = error;
      this.logger.error(`topology declaration failed: ${error.message}`);
    });
    try {
      return await work(channel);
    } catch (error) {
      throw lastError ?? error;
    } finally {
      await channel.close().catch(() => undefined);
    }
  }
}
