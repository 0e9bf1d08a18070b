import { Logger } from '@nestjs/common';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { AmqpConnection } from '../connection/amqp-connection';
import type { MessagingLogger } from '../messaging-logger';
import type { ConfirmingPublisher } from '../publisher/confirming-publisher';
import type { ConsumerQueueDefinition } from '../topology/consumer-queue-definition';
import type { MessagingTopology } from '../topology/messaging-topology';
import { HandlerWiringError } from './handler-wiring.error';
import { parseInboundMessage } from './inbound-message';
import type { MessageHandler, MessageHandlerRegistry } from './message-handler-registry';
import { parkingHeaders } from './parking-headers';
import { UnprocessableMessageError } from './unprocessable-message.error';

export interface ConsumerHostSettings {
  /** Unacknowledged messages per consumer (AMQP_PREFETCH). Default 200. */
  prefetch?: number;
  /** How long `stop()` waits for running handlers before closing anyway. Default 30 s. */
  stopTimeoutMs?: number;
  logger?: MessagingLogger;
}

export interface ConsumerStats {
  readonly acked: number;
  readonly requeued: number;
  readonly parked: number;
  readonly inFlight: number;
}

interface Subscription {
  readonly queue: ConsumerQueueDefinition;
  readonly brokerName: string;
  readonly handler: MessageHandler;
  readonly prefetch: number;
  channel?: Channel;
  consumerTag?: string;
  readonly inFlight: Set<Promise<void>>;
  retryTimer?: NodeJS.Timeout;
  retryAttempts: number;
}

/**
 * Runs an app's consumers with manual acknowledgements, one channel per queue (its own prefetch;
 * a channel error on one queue leaves the others running).
 *
 * Outcomes of a delivery:
 * - handler resolves → ack;
 * - handler throws → nack with requeue; the quorum queue counts the return and, past its
 *   delivery limit, dead-letters the message to the parked queue. On the last allowed delivery
 *   the host parks it itself instead, so the parked copy carries the error in its headers
 *   (`x-docaxis-parked-reason`, `x-docaxis-error`, …) rather than only in a log line;
 * - UnprocessableMessageError (unknown type, body breaking its contract, or thrown by a handler
 *   that knows retrying is useless) → parked at once;
 * - not decodable (no messageId or type, not JSON) → parked at once.
 * Parking = publish a copy to the dead-letter exchange with confirms, then ack; if that fails,
 * reject without requeue and let the broker dead-letter it (reason in the log only).
 *
 * After a reconnect (or a channel closed by the broker) consumers are restarted. A message taken
 * before the connection dropped cannot be acked any more; the broker redelivers it, which the
 * idempotent consumers (inbox/run-once.ts) make harmless.
 */
export class ConsumerHost {
  private readonly logger: MessagingLogger;
  private readonly prefetch: number;
  private readonly subscriptions = new Map<string, Subscription>();
  private removeHook?: () => void;
  private started = false;
  private stopping = false;
  private acked = 0;
  private requeued = 0;
  private parked = 0;

  constructor(
    private readonly connection: AmqpConnection,
    private readonly topology: MessagingTopology,
    private readonly publisher: ConfirmingPublisher,
    private readonly registry: MessageHandlerRegistry,
    private readonly settings: ConsumerHostSettings = {},
  ) {
    this.prefetch = settings.prefetch ?? 200;
    this.logger = settings.logger ?? new Logger(ConsumerHost.name);
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
    const subscription = this.addSubscription(queue, handler, options.prefetch);
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
    if (this.subscriptions.has(queue.name)) return;
    const subscription = this.addSubscription(
      queue,
      this.registry.dispatcherFor(queue.name),
      consumed.prefetch,
    );
    if (this.started) await this.startSubscription(subscription);
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
      if (!this.subscriptions.has(queue.name)) {
        this.addSubscription(queue, this.registry.dispatcherFor(queue.name), prefetch);
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
    const subscriptions = [...this.subscriptions.values()];
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
    return { acked: this.acked, requeued: this.requeued, parked: this.parked, inFlight };
  }

  /** Whether every consumer currently has a live channel (for health checks). */
  isConsuming(): boolean {
    return [...this.subscriptions.values()].every((s) => s.channel && s.consumerTag);
  }

  private addSubscription(
    queue: ConsumerQueueDefinition,
    handler: MessageHandler,
    prefetch: number | undefined,
  ): Subscription {
    if (this.subscriptions.has(queue.name)) {
      throw new HandlerWiringError([`queue "${queue.name}" is consumed twice`]);
    }
    const subscription: Subscription = {
      queue,
      brokerName: this.topology.queueName(queue),
      handler,
      prefetch: prefetch ?? this.prefetch,
      inFlight: new Set(),
      retryAttempts: 0,
    };
    this.subscriptions.set(queue.name, subscription);
    return subscription;
  }

  private async startSubscription(subscription: Subscription): Promise<void> {
    await this.topology.declareQueue(subscription.queue);
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
    if (subscription.channel || this.stopping) {
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
      if (!this.stopping) this.scheduleRetry(subscription);
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
      if (this.stopping || subscription.channel || !this.connection.isConnected()) return;
      void (async () => {
        try {
          await this.topology.declareQueue(subscription.queue);
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

  private async process(
    subscription: Subscription,
    channel: Channel,
    delivery: ConsumeMessage,
  ): Promise<void> {
    const parsed = parseInboundMessage(delivery);
    if (!parsed.ok) {
      await this.park(
        subscription,
        channel,
        delivery,
        'MESSAGING_MESSAGE_MALFORMED',
        parsed.reason,
      );
      return;
    }
    const message = parsed.message;
    try {
      await subscription.handler(message);
      if (this.settle(() => channel.ack(delivery))) this.acked += 1;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof UnprocessableMessageError) {
        await this.park(subscription, channel, delivery, error.code, reason);
      } else if (message.deliveryCount >= this.topology.deliveryLimit) {
        await this.park(subscription, channel, delivery, 'MESSAGING_DELIVERY_LIMIT', reason);
      } else {
        this.logger.warn(
          `handler failed for ${message.type} ${message.messageId} on ${subscription.brokerName} ` +
            `(delivery ${message.deliveryCount + 1} of ${this.topology.deliveryLimit + 1}); requeued: ${reason}`,
        );
        if (this.settle(() => channel.nack(delivery, false, true))) this.requeued += 1;
      }
    }
  }

  private async park(
    subscription: Subscription,
    channel: Channel,
    delivery: ConsumeMessage,
    code: string,
    reason: string,
  ): Promise<void> {
    const { properties, fields } = delivery;
    const describe = `${String(properties.type ?? '(no type)')} ${String(properties.messageId ?? '(no id)')}`;
    this.logger.error(`parking ${describe} from ${subscription.brokerName}: ${code}: ${reason}`);
    if (properties.messageId) {
      try {
        // The original properties, minus those that could make the copy vanish or be refused
        // (expiration, a user id the broker checks against the connection's user).
        await this.publisher.publishRaw(
          this.topology.names.deadLetterExchange,
          fields.routingKey,
          delivery.content,
          {
            messageId: properties.messageId as string,
            type: properties.type as string | undefined,
            correlationId: properties.correlationId as string | undefined,
            contentType: properties.contentType as string | undefined,
            contentEncoding: properties.contentEncoding as string | undefined,
            timestamp: properties.timestamp as number | undefined,
            appId: properties.appId as string | undefined,
            persistent: true,
            headers: parkingHeaders(properties.headers, {
              code,
              reason,
              queue: subscription.brokerName,
            }),
          },
        );
        if (this.settle(() => channel.ack(delivery))) this.parked += 1;
        return;
      } catch (error) {
        this.logger.warn(
          `could not park ${describe} with headers (${(error as Error).message}); rejecting it instead`,
        );
      }
    }
    // Without requeue the quorum queue dead-letters it to the parked queue.
    if (this.settle(() => channel.reject(delivery, false))) this.parked += 1;
  }

  /** Acks/nacks on the channel the message came from; false if that channel is gone. */
  private settle(action: () => void): boolean {
    try {
      action();
      return true;
    } catch (error) {
      this.logger.warn(
        `could not settle a delivery (${(error as Error).message}); the broker will redeliver it`,
      );
      return false;
    }
  }
}
