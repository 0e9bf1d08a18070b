import { Logger } from '@nestjs/common';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { runInMessageContext } from '@docaxis/observability/correlation-context';
import { CORRELATION_ID_HEADER } from '../contracts/message-types';
import type { AmqpConnection } from '../connection/amqp-connection';
import type { MessagingLogger } from '../messaging-logger';
import type { ConfirmingPublisher } from '../publisher/confirming-publisher';
import type { ConsumerQueueDefinition } from '../topology/consumer-queue-definition';
import type { DeliveryLane } from '../topology/delivery-lanes';
import type { MessagingTopology } from '../topology/messaging-topology';
import { DeliveryFate, type DeliveryCounts, type RawDeliveryHandler } from './delivery-fate';
import { HandlerWiringError } from './handler-wiring.error';
import type { MessageHandler, MessageHandlerRegistry } from './message-handler-registry';

export interface ConsumerHostSettings {
  /** Unacknowledged messages per consumer (AMQP_PREFETCH). Default 200. */
  prefetch?: number;
  /** How long `stop()` waits for running handlers before closing anyway. Default 30 s. */
  stopTimeoutMs?: number;
  logger?: MessagingLogger;
  /** Named in the logging context of every message handled (the app's connection name). */
  appName?: string;
}

export interface ConsumerStats extends DeliveryCounts {
  readonly inFlight: number;
}

interface Subscription {
  /** Logical name of the consumed definition (`inbox.000.00.00.G22`, or `parked`). */
  readonly name: string;
  readonly brokerName: string;
  readonly lane: DeliveryLane | 'both';
  /** Declares the queue (idempotent) before consuming it. */
  readonly declare: () => Promise<unknown>;
  /**
   * `decoded`: the usual handler of decoded messages (retries, then parking). `raw`: deliveries
   * undecoded, requeued after a delay on failure (the parked queue's collector, which files even
   * malformed messages: parking from there would loop).
   */
  readonly handling:
    | { readonly kind: 'decoded'; readonly handler: MessageHandler }
    | { readonly kind: 'raw'; readonly handler: RawDeliveryHandler };
  readonly prefetch: number;
  channel?: Channel;
  consumerTag?: string;
  readonly inFlight: Set<Promise<void>>;
  retryTimer?: NodeJS.Timeout;
  retryAttempts: number;
  /** Set once no longer consumed (stopConsuming): a channel arriving late is closed at once. */
  released?: boolean;
}

/**
 * Runs an app's consumers with manual acknowledgements, one channel per queue (its own prefetch;
 * a channel error on one queue leaves the others running).
 *
 * A definition with an urgent lane is two queues, each on its own channel and prefetch: an
 * urgent message is taken at once even while the normal queue holds a backlog.
 *
 * What becomes of each delivery (ack, retry, park) is decided in delivery-fate.ts.
 *
 * After a reconnect (or a channel closed by the broker) consumers are restarted. A message taken
 * before the connection dropped cannot be acked any more; the broker redelivers it, which the
 * idempotent consumers (inbox/run-once.ts) make harmless.
 */
export class ConsumerHost {
  private readonly logger: MessagingLogger;
  private readonly prefetch: number;
  /** By broker queue name. */
  private readonly subscriptions = new Map<string, Subscription>();
  /** Logical names consumed (a definition with a lane has two subscriptions). */
  private readonly consumedNames = new Set<string>();
  private removeHook?: () => void;
  private started = false;
  private stopping = false;
  private readonly fate: DeliveryFate;

  constructor(
    private readonly connection: AmqpConnection,
    private readonly topology: MessagingTopology,
    publisher: ConfirmingPublisher,
    private readonly registry: MessageHandlerRegistry,
    private readonly settings: ConsumerHostSettings = {},
  ) {
    this.prefetch = settings.prefetch ?? 200;
    this.logger = settings.logger ?? new Logger(ConsumerHost.name);
    this.fate = new DeliveryFate(topology, publisher, this.logger);
  }

  /**
   * Consumes one queue with one handler (the registry is the usual way; this is the primitive).
   * Before `start()` it is remembered; after, it starts at once.
   */
  async consume(
    queue: ConsumerQueueDefinition,
    handler: MessageHandler,
    options: { prefetch?: number } = {},
  ): Promise<void> {
    const added = this.addSubscriptions(queue, handler, options.prefetch);
    if (this.started) for (const subscription of added) await this.startSubscription(subscription);
  }

  /**
   * Consumes the parked queue (the collector that files parked messages away for operators). The
   * handler gets each delivery undecoded, malformed ones included (parking those again would
   * loop); a failing handler gets the message back after a growing delay, never parked again.
   */
  async consumeParked(
    handler: RawDeliveryHandler,
    options: { prefetch?: number } = {},
  ): Promise<void> {
    const name = 'parked';
    if (this.consumedNames.has(name))
      throw new HandlerWiringError(['the parked queue is consumed twice']);
    this.consumedNames.add(name);
    const subscription: Subscription = {
      name,
      brokerName: this.topology.names.parkedQueue,
      lane: 'both',
      declare: () => this.topology.declare(),
      handling: { kind: 'raw', handler },
      prefetch: options.prefetch ?? this.prefetch,
      inFlight: new Set(),
      retryAttempts: 0,
    };
    this.subscriptions.set(subscription.brokerName, subscription);
    if (this.started) await this.startSubscription(subscription);
  }

  /**
   * Starts consuming a queue registered on the registry after start-up (an agency's inbox
   * discovered at run time): the whole registry is checked again first.
   */
  async startRegistered(queue: ConsumerQueueDefinition): Promise<void> {
    this.registry.validate();
    const consumed = this.registry.consumedQueues().find((c) => c.queue.name === queue.name);
    if (!consumed)
      throw new HandlerWiringError([`queue "${queue.name}" is not consumed on the registry`]);
    if (this.consumedNames.has(queue.name)) return;
    const added = this.addSubscriptions(
      queue,
      this.registry.dispatcherFor(queue.name),
      consumed.prefetch,
    );
    if (!this.started) return;
    try {
      for (const subscription of added) await this.startSubscription(subscription);
    } catch (error) {
      // Forgotten again (a lane that started included), so that a later call starts it afresh.
      await this.stopConsuming(queue.name);
      throw error;
    }
  }

  /**
   * Stops consuming one queue (every lane): cancels its consumers, waits for its running
   * handlers to finish and be acked (bounded by `stopTimeoutMs`), then closes its channels.
   * Whatever it holds stays in the queue, for whoever consumes it next; `startRegistered`
   * consumes it again. Does nothing for a queue not consumed.
   */
  async stopConsuming(queueName: string): Promise<void> {
    const subscriptions = [...this.subscriptions.values()].filter((s) => s.name === queueName);
    for (const subscription of subscriptions) {
      subscription.released = true;
      this.subscriptions.delete(subscription.brokerName);
    }
    this.consumedNames.delete(queueName);
    await this.detach(subscriptions);
  }

  /** Throws MESSAGING_HANDLER_WIRING if the registry's wiring is wrong (see MessageHandlerRegistry). */
  assertWiring(): void {
    this.registry.validate();
  }

  /**
   * Checks the handler wiring (refusing to start on a mistake), declares the consumed queues and
   * starts every consumer; from then on they are restarted after each reconnect.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.registry.validate();
    for (const { queue, prefetch } of this.registry.consumedQueues()) {
      if (!this.consumedNames.has(queue.name)) {
        this.addSubscriptions(queue, this.registry.dispatcherFor(queue.name), prefetch);
      }
    }
    // The topology's reconnect hook must be registered (and so run) before this one.
    await this.topology.declare();
    this.removeHook = this.connection.addConnectHook('consumers', (model) =>
      this.restartAll(model),
    );
    this.started = true;
    for (const subscription of this.subscriptions.values())
      await this.startSubscription(subscription);
  }

  /**
   * Cancels every consumer (no new deliveries), waits for running handlers to finish and be
   * acked (bounded by `stopTimeoutMs`), then closes the channels; anything unacked is requeued
   * by the broker.
   */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.removeHook?.();
    this.fate.stop();
    await this.detach([...this.subscriptions.values()]);
  }

  /** Cancels the consumers, waits for their running handlers (bounded), closes the channels. */
  private async detach(subscriptions: readonly Subscription[]): Promise<void> {
    for (const subscription of subscriptions) clearTimeout(subscription.retryTimer);
    await Promise.all(
      subscriptions.map(async ({ channel, consumerTag }) => {
        if (channel && consumerTag) await channel.cancel(consumerTag).catch(() => undefined);
      }),
    );
    const running = subscriptions.flatMap((s) => [...s.inFlight]);
    const timeoutMs = this.settings.stopTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      Promise.allSettled(running).then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      this.logger.warn(
        `stopped consumers with handlers still running after ${timeoutMs} ms; they will be redelivered`,
      );
    }
    await Promise.all(
      subscriptions.map(async (subscription) => {
        const channel = subscription.channel;
        subscription.channel = undefined;
        await channel?.close().catch(() => undefined);
      }),
    );
  }

  stats(): ConsumerStats {
    let inFlight = 0;
    for (const subscription of this.subscriptions.values()) inFlight += subscription.inFlight.size;
    return { ...this.fate.counts(), inFlight };
  }

  /** Whether every consumer currently has a live channel (for health checks). */
  isConsuming(): boolean {
    return [...this.subscriptions.values()].every((s) => s.channel && s.consumerTag);
  }

  /** One subscription per broker queue of the definition (urgent lane first). */
  private addSubscriptions(
    queue: ConsumerQueueDefinition,
    handler: MessageHandler,
    prefetch: number | undefined,
  ): Subscription[] {
    if (this.consumedNames.has(queue.name)) {
      throw new HandlerWiringError([`queue "${queue.name}" is consumed twice`]);
    }
    this.consumedNames.add(queue.name);
    return this.topology.brokerQueues(queue).map(({ lane, brokerName }) => {
      const subscription: Subscription = {
        name: queue.name,
        brokerName,
        lane,
        declare: () => this.topology.declareQueue(queue),
        handling: { kind: 'decoded', handler },
        prefetch: prefetch ?? this.prefetch,
        inFlight: new Set(),
        retryAttempts: 0,
      };
      this.subscriptions.set(brokerName, subscription);
      return subscription;
    });
  }

  private async startSubscription(subscription: Subscription): Promise<void> {
    await subscription.declare();
    await this.attach(subscription, await this.connection.createChannel());
  }

  private async restartAll(model: ChannelModel): Promise<void> {
    for (const subscription of this.subscriptions.values()) {
      if (subscription.channel) continue;
      try {
        await this.attach(subscription, await model.createChannel());
      } catch (error) {
        this.logger.error(
          `could not restart consumer of ${subscription.brokerName}: ${(error as Error).message}`,
        );
      }
    }
  }

  /** Starts consuming on `channel`, unless the subscription already has a channel. */
  private async attach(subscription: Subscription, channel: Channel): Promise<void> {
    if (subscription.channel || subscription.released || this.stopping) {
      await channel.close().catch(() => undefined);
      return;
    }
    subscription.channel = channel; // claimed synchronously: no second consumer for this queue
    subscription.consumerTag = undefined;
    channel.on('error', (error: Error) => {
      this.logger.warn(`consumer channel of ${subscription.brokerName} failed: ${error.message}`);
    });
    channel.on('close', () => {
      if (subscription.channel !== channel) return;
      subscription.channel = undefined;
      subscription.consumerTag = undefined;
      if (!this.stopping && !subscription.released) this.scheduleRetry(subscription);
    });
    await channel.prefetch(subscription.prefetch);
    const { consumerTag } = await channel.consume(
      subscription.brokerName,
      (delivery) => {
        if (delivery === null) {
          // Cancelled by the broker (queue deleted): close the channel; the retry re-declares it.
          this.logger.warn(`the broker cancelled the consumer of ${subscription.brokerName}`);
          void channel.close().catch(() => undefined);
          return;
        }
        this.track(subscription, this.process(subscription, channel, delivery));
      },
      { noAck: false },
    );
    subscription.consumerTag = consumerTag;
    subscription.retryAttempts = 0;
  }

  /** After a channel closed while the connection lives (a channel error, a server cancel). */
  private scheduleRetry(subscription: Subscription): void {
    clearTimeout(subscription.retryTimer);
    const delay = Math.min(30_000, 500 * 2 ** subscription.retryAttempts);
    subscription.retryAttempts += 1;
    subscription.retryTimer = setTimeout(() => {
      // While disconnected, the reconnect hook restarts it instead.
      if (this.stopping || subscription.released || subscription.channel) return;
      if (!this.connection.isConnected()) return;
      void (async () => {
        try {
          await subscription.declare();
          await this.attach(subscription, await this.connection.createChannel());
        } catch (error) {
          this.logger.warn(
            `could not restart consumer of ${subscription.brokerName}: ${(error as Error).message}`,
          );
          if (!subscription.channel && !this.stopping) this.scheduleRetry(subscription);
        }
      })();
    }, delay);
  }

  private track(subscription: Subscription, work: Promise<void>): void {
    subscription.inFlight.add(work);
    void work.finally(() => subscription.inFlight.delete(work));
  }

  /** Handles one delivery with its correlation id as the logging context of everything it does. */
  private process(
    subscription: Subscription,
    channel: Channel,
    delivery: ConsumeMessage,
  ): Promise<void> {
    const { correlationId } = delivery.properties as { correlationId?: unknown };
    const header = (delivery.properties.headers ?? {})[CORRELATION_ID_HEADER] as unknown;
    const id = [correlationId, header].find((v): v is string => typeof v === 'string' && v !== '');
    const source = { queue: subscription.brokerName, channel };
    const { handling } = subscription;
    return runInMessageContext({ correlationId: id, consumer: this.settings.appName }, () =>
      handling.kind === 'raw'
        ? this.fate.handleRaw(source, delivery, handling.handler)
        : this.fate.handleDecoded(source, delivery, handling.handler),
    );
  }
}
