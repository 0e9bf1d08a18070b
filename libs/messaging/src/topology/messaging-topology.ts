import { Logger } from '@nestjs/common';
import type { Channel, ChannelModel } from 'amqplib';
import type { AmqpConnection } from '../connection/amqp-connection';
import type { LogicalExchange } from '../contracts/message-types';
import type { MessagingLogger } from '../messaging-logger';
import { AUDIT_EVENTS_QUEUE } from './audit-events-queue';
import { agencyInboxQueue, type ConsumerQueueDefinition } from './consumer-queue-definition';
import { laneQueuesOf, type DeliveryLane } from './delivery-lanes';
import {
  consumerQueueArguments,
  DEFAULT_DELIVERY_LIMIT,
  parkedQueueArguments,
  retryQueueArguments,
} from './queue-arguments';
import { DEFAULT_RETRY_DELAYS_MS, validateRetryDelays } from './retry-delays';
import {
  exchangeName,
  queueName,
  retryStepNames,
  topologyNames,
  type TopologyNames,
} from './topology-names';

/** One broker queue of a consumer queue definition. */
export interface BrokerQueue {
  readonly lane: DeliveryLane | 'both';
  readonly brokerName: string;
}

export interface TopologySettings {
  /** AMQP_PREFIX; default `docaxis`. */
  prefix?: string;
  /** Returns before a message is parked; part of the queue arguments. Default 5. */
  deliveryLimit?: number;
  /**
   * Delay before each retry of a message whose handler failed (AMQP_RETRY_DELAYS_MS): one
   * retry queue per delay, so a message is tried `length + 1` times, then parked.
   * Default 1 s, 5 s, 30 s, 2 min.
   */
  retryDelaysMs?: readonly number[];
  logger?: MessagingLogger;
}

/**
 * Declares the exchanges and queues, idempotently, and again after every reconnect (a broker
 * restart with non-durable state, or someone deleting a queue, heals on the next connect).
 *
 *   <p>.events (topic) ──bindings──▶ <p>.<consumer>.v1 (quorum) ─┐  (<p>.audit.events.v1 binds #)
 *   <p>.delivery (direct, key = agency code) ──▶ <p>.inbox.<code>.v1 (quorum) ─┤ delivery limit,
 *   <p>.dead-letter (topic) ◀── rejected / over the delivery limit ───────────┘ rejections
 *   <p>.dead-letter ──#──▶ <p>.parked.v1
 *   <p>.retry.<d>ms (fanout) ──▶ <p>.retry.<d>ms.v1 (TTL d) ──expired, key = queue──▶ (default) ──▶ that queue
 *
 * The audit's catch-all queue is part of the base every app declares (audit-events-queue.ts):
 * events are published `mandatory`, and it makes sure none is ever unroutable.
 *
 * Urgent messages (routing key `urgent.<key>`) go to `<p>.<consumer>.urgent.v1` for consumers
 * with an urgent lane (delivery-lanes.ts). A failed message is republished to the retry step of
 * its attempt with the queue it came from as routing key; when its TTL ends the broker
 * dead-letters it through the default exchange straight back into that queue.
 */
export class MessagingTopology {
  readonly names: TopologyNames;
  readonly deliveryLimit: number;
  readonly retryDelaysMs: readonly number[];
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
    this.retryDelaysMs = validateRetryDelays(settings.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS);
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

  /** Broker queues of a definition (urgent lane first when it has one). */
  brokerQueues(queue: ConsumerQueueDefinition): BrokerQueue[] {
    return laneQueuesOf(queue).map((lane) => ({
      lane: lane.lane,
      brokerName: queueName(this.names.prefix, lane.name),
    }));
  }

  /** Exchange of retry step `attempt` (1-based), or undefined when retries are exhausted. */
  retryExchange(attempt: number): string | undefined {
    const delay = this.retryDelaysMs[attempt - 1];
    return delay === undefined ? undefined : retryStepNames(this.names.prefix, delay).exchange;
  }

  /**
   * Declares one consumer queue (each lane) with its bindings, after the base topology; returns
   * the broker name of its normal lane.
   */
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
      // Not declared: a reconnect must not redeclare it (one refused queue would stop the
      // redeclaration of those after it); the next call tries again.
      this.declarations.delete(name);
      this.queues.delete(queue.name);
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
   * Declares the inbox queue of an agency. A router declares it when it starts consuming it (at
   * start-up, on a `directory.changed` registering or reactivating the agency, or when its
   * directory refresh finds it). A delivery published before that is returned (the delivery
   * exchange publishes with `mandatory`): the outbox relay then declares the inbox with this and
   * publishes the delivery again at once (outbox-relay.ts), so it waits in the queue, not in the
   * outbox.
   */
  ensureAgencyInbox(agencyCode: string): Promise<string> {
    return this.declareQueue(agencyInboxQueue(agencyCode));
  }

  /** Removes every queue and exchange this instance declared (tests clean their prefix with it). */
  async deleteDeclared(): Promise<void> {
    this.removeHook?.();
    this.removeHook = undefined;
    const queues = this.declaredQueueNames();
    const exchanges = this.declaredExchangeNames();
    await this.onChannel(async (channel) => {
      for (const name of [...queues, this.names.parkedQueue]) await channel.deleteQueue(name);
      for (const name of exchanges) await channel.deleteExchange(name);
    });
    this.queues.clear();
    this.declarations.clear();
    this.baseDeclared = undefined;
  }

  /**
   * Broker names of the queues declared so far (every lane, the audit's catch-all, the retry
   * queues; not the parked queue).
   */
  declaredQueueNames(): string[] {
    const consumerQueues = [AUDIT_EVENTS_QUEUE, ...this.queues.values()];
    return [
      ...new Set(consumerQueues.flatMap((q) => this.brokerQueues(q).map((b) => b.brokerName))),
      ...this.retrySteps().map((step) => step.queue),
    ];
  }

  /** Every exchange of the prefix: events, delivery, dead-letter and one per retry step. */
  declaredExchangeNames(): string[] {
    const { eventsExchange, deliveryExchange, deadLetterExchange } = this.names;
    const retryExchanges = this.retrySteps().map((step) => step.exchange);
    return [eventsExchange, deliveryExchange, deadLetterExchange, ...retryExchanges];
  }

  private retrySteps(): Array<{ delay: number; exchange: string; queue: string }> {
    return this.retryDelaysMs.map((delay) => ({
      delay,
      ...retryStepNames(this.names.prefix, delay),
    }));
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
    for (const { delay, exchange, queue } of this.retrySteps()) {
      await channel.assertExchange(exchange, 'fanout', { durable: true });
      await channel.assertQueue(queue, { durable: true, arguments: retryQueueArguments(delay) });
      await channel.bindQueue(queue, exchange, '');
    }
    // Same arguments as when the audit declares it as its own consumer queue: idempotent.
    await this.declareConsumerQueue(channel, AUDIT_EVENTS_QUEUE);
  }

  private async declareConsumerQueue(
    channel: Channel,
    queue: ConsumerQueueDefinition,
  ): Promise<void> {
    for (const lane of laneQueuesOf(queue)) {
      const name = queueName(this.names.prefix, lane.name);
      await channel.assertQueue(name, {
        durable: true,
        arguments: consumerQueueArguments(this.names, this.deliveryLimit),
      });
      for (const binding of lane.bindings) {
        await channel.bindQueue(name, this.exchangeName(binding.exchange), binding.routingKey);
      }
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
