import { Logger } from '@nestjs/common';
import type { Channel, ChannelModel, ConsumeMessage, Options } from 'amqplib';
import { runInMessageContext } from '@docaxis/observability/correlation-context';
import { CORRELATION_ID_HEADER } from '../contracts/message-types';
import type { AmqpConnection } from '../connection/amqp-connection';
import type { MessagingLogger } from '../messaging-logger';
import type { ConfirmingPublisher } from '../publisher/confirming-publisher';
import type { ConsumerQueueDefinition } from '../topology/consumer-queue-definition';
import type { DeliveryLane } from '../topology/delivery-lanes';
import type { MessagingTopology } from '../topology/messaging-topology';
import { CopiedDeliveries } from './copied-deliveries';
import { failureCode, isPermanentFailure } from './failure-classification';
import { HandlerWiringError } from './handler-wiring.error';
import { RetryLaterError } from './retry-later.error';
import { parseInboundMessage, type InboundMessage } from './inbound-message';
import type { MessageHandler, MessageHandlerRegistry } from './message-handler-registry';
import { attemptOf, originalRoutingKey, parkingHeaders, retryHeaders } from './parking-headers';

export interface ConsumerHostSettings {
  /** Unacknowledged messages per consumer (AMQP_PREFETCH). Default 200. */
  prefetch?: number;
  /** How long `stop()` waits for running handlers before closing anyway. Default 30 s. */
  stopTimeoutMs?: number;
  logger?: MessagingLogger;
  /** Named in the logging context of every message handled (the app's connection name). */
  appName?: string;
}

/** Handler of undecoded deliveries (the parked queue's collector). */
export type RawDeliveryHandler = (delivery: ConsumeMessage) => Promise<void>;

export interface ConsumerStats {
  readonly acked: number;
  readonly requeued: number;
  /** Sent to a retry queue to be tried again after a delay. */
  readonly retried: number;
  readonly parked: number;
  /**
   * Redeliveries of a message already sent on as a retry or parked copy (its ack was lost with
   * its channel): acked without a second copy.
   */
  readonly alreadyCopied: number;
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
 * Outcomes of a delivery:
 * - handler resolves → ack;
 * - handler throws a transient failure (failure-classification.ts) → a copy goes to the retry
 *   queue of its attempt (delays 1 s, 5 s, 30 s, 2 min by default; the broker returns it to this
 *   queue when the delay ends) with the attempt count and the error in its headers, then the
 *   original is acked. Once the retries are spent it is parked with the error in its headers
 *   (`x-docaxis-parked-reason`, …) — unless the failure is a RetryLaterError (the handler has a
 *   deadline of its own, after which it settles the message): that one goes on being retried at
 *   the longest delay. If the retry copy cannot be published, the message is nacked
 *   with requeue instead; the quorum queue counts returns and past its delivery limit (a handler
 *   that crashes the process, say) dead-letters it to the parked queue;
 * - a permanent failure: UnprocessableMessageError (unknown type, body breaking its contract, or
 *   thrown by a handler that knows retrying is useless) or a domain error about the message
 *   itself (invalid input, not found, …) → parked at once;
 * - not decodable (no messageId or type, not JSON) → parked at once.
 * Parking = publish a copy to the dead-letter exchange with confirms, then ack; if that fails,
 * reject without requeue and let the broker dead-letter it (reason in the log only).
 * A retry or parked copy is confirmed before the original is acked; if the ack is lost (its
 * channel closed in between), the redelivered original is recognised and acked without a second
 * copy (copied-deliveries.ts).
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
  private wakeSleepers: Array<() => void> = [];
  private acked = 0;
  private requeued = 0;
  private retried = 0;
  private parked = 0;
  private alreadyCopied = 0;
  private readonly copied = new CopiedDeliveries();

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
    for (const wake of this.wakeSleepers.splice(0)) wake();
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
    return {
      acked: this.acked,
      requeued: this.requeued,
      retried: this.retried,
      parked: this.parked,
      alreadyCopied: this.alreadyCopied,
      inFlight,
    };
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
    return runInMessageContext({ correlationId: id, consumer: this.settings.appName }, () =>
      this.handle(subscription, channel, delivery),
    );
  }

  private async handle(
    subscription: Subscription,
    channel: Channel,
    delivery: ConsumeMessage,
  ): Promise<void> {
    const { handling } = subscription;
    if (handling.kind === 'raw') {
      try {
        await handling.handler(delivery);
        if (this.settle(() => channel.ack(delivery))) this.acked += 1;
      } catch (error) {
        await this.requeueLater(subscription, channel, delivery, (error as Error).message);
      }
      return;
    }
    if (await this.copied.isCopied(subscription.brokerName, delivery)) {
      this.logger.warn(
        `${String(delivery.properties.messageId)} came back to ${subscription.brokerName} after ` +
          'its retry or parked copy was published; acked without another copy',
      );
      if (this.settle(() => channel.ack(delivery))) this.alreadyCopied += 1;
      return;
    }
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
    const started = Date.now();
    try {
      await handling.handler(message);
      if (this.settle(() => channel.ack(delivery))) this.acked += 1;
      this.logger.debug?.(
        `handled ${message.type} ${message.messageId} from ${subscription.brokerName} ` +
          `in ${Date.now() - started} ms`,
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (isPermanentFailure(error)) {
        const code = failureCode(error, 'MESSAGING_PERMANENT_FAILURE');
        await this.park(subscription, channel, delivery, code, reason);
      } else if (message.deliveryCount >= this.topology.deliveryLimit) {
        await this.park(subscription, channel, delivery, 'MESSAGING_DELIVERY_LIMIT', reason);
      } else {
        const boundedByHandler = error instanceof RetryLaterError;
        await this.retryLater(subscription, channel, delivery, message, reason, boundedByHandler);
      }
    }
  }

  /**
   * Sends a copy to the retry step of this attempt, then acks. When no step is left it parks the
   * message, unless the handler bounds its retries itself (RetryLaterError): then the longest
   * step again.
   */
  private async retryLater(
    subscription: Subscription,
    channel: Channel,
    delivery: ConsumeMessage,
    message: InboundMessage,
    reason: string,
    boundedByHandler: boolean,
  ): Promise<void> {
    const attempt = attemptOf(message.headers) + 1;
    const steps = this.topology.retryDelaysMs.length;
    const step = boundedByHandler ? Math.min(attempt, steps) : attempt;
    const exchange = this.topology.retryExchange(step);
    const attempts = boundedByHandler ? 'until the handler settles it' : `of ${steps + 1}`;
    if (!exchange) {
      await this.park(subscription, channel, delivery, 'MESSAGING_RETRIES_EXHAUSTED', reason);
      return;
    }
    const where = `${message.type} ${message.messageId} on ${subscription.brokerName}`;
    try {
      const copy = this.publisher.publishRaw(exchange, subscription.brokerName, delivery.content, {
        ...copiedProperties(delivery),
        headers: retryHeaders(delivery, { attempt, reason }),
      });
      this.copied.track(subscription.brokerName, delivery, copy);
      await copy;
      this.logger.warn(
        `handler failed for ${where} (attempt ${attempt} ${attempts}); ` +
          `retrying in ${this.topology.retryDelaysMs[step - 1]} ms: ${reason}`,
      );
      if (this.settle(() => channel.ack(delivery))) this.retried += 1;
    } catch (error) {
      this.logger.warn(
        `handler failed for ${where} and its retry copy could not be published ` +
          `(${(error as Error).message}); requeued: ${reason}`,
      );
      if (this.settle(() => channel.nack(delivery, false, true))) this.requeued += 1;
    }
  }

  /** Returns the message to its queue after a delay growing with its deliveries (max 30 s). */
  private async requeueLater(
    subscription: Subscription,
    channel: Channel,
    delivery: ConsumeMessage,
    reason: string,
  ): Promise<void> {
    const deliveries = Number(delivery.properties.headers?.['x-delivery-count'] ?? 0) || 0;
    const delay = Math.min(30_000, 250 * 2 ** Math.min(deliveries, 7));
    this.logger.warn(
      `handler failed for ${String(delivery.properties.messageId ?? '(no id)')} on ` +
        `${subscription.brokerName}; requeued in ${delay} ms: ${reason}`,
    );
    await this.sleepUnlessStopping(delay);
    if (this.settle(() => channel.nack(delivery, false, true))) this.requeued += 1;
  }

  private sleepUnlessStopping(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleepers.push(done);
    });
  }

  private async park(
    subscription: Subscription,
    channel: Channel,
    delivery: ConsumeMessage,
    code: string,
    reason: string,
  ): Promise<void> {
    const { properties } = delivery;
    const describe = `${String(properties.type ?? '(no type)')} ${String(properties.messageId ?? '(no id)')}`;
    this.logger.error(`parking ${describe} from ${subscription.brokerName}: ${code}: ${reason}`);
    if (properties.messageId) {
      try {
        const copy = this.publisher.publishRaw(
          this.topology.names.deadLetterExchange,
          originalRoutingKey(delivery),
          delivery.content,
          {
            ...copiedProperties(delivery),
            headers: parkingHeaders(properties.headers, {
              code,
              reason,
              queue: subscription.brokerName,
            }),
          },
        );
        this.copied.track(subscription.brokerName, delivery, copy);
        await copy;
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

/**
 * The original properties of a delivery for a copy of it (retry or parked), minus those that
 * could make the copy vanish or be refused (expiration, a user id the broker checks against the
 * connection's user).
 */
function copiedProperties(delivery: ConsumeMessage): Options.Publish {
  const { properties } = delivery;
  return {
    messageId: properties.messageId as string,
    type: properties.type as string | undefined,
    correlationId: properties.correlationId as string | undefined,
    contentType: properties.contentType as string | undefined,
    contentEncoding: properties.contentEncoding as string | undefined,
    timestamp: properties.timestamp as number | undefined,
    appId: properties.appId as string | undefined,
    priority: properties.priority as number | undefined,
    persistent: true,
  };
}
