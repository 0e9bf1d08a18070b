import { Logger } from '@nestjs/common';
import type { Channel, ConsumeMessage, Options } from 'amqplib';
import type { MessagingLogger } from '../messaging-logger';
import type { ConfirmingPublisher } from '../publisher/confirming-publisher';
import type { MessagingTopology } from '../topology/messaging-topology';
import { CopiedDeliveries } from './copied-deliveries';
import { failureCode, isPermanentFailure } from './failure-classification';
import { parseInboundMessage, type InboundMessage } from './inbound-message';
import type { MessageHandler } from './message-handler-registry';
import { attemptOf, originalRoutingKey, parkingHeaders, retryHeaders } from './parking-headers';
import { RetryLaterError } from './retry-later.error';

/** Handler of undecoded deliveries (the parked queue's collector). */
export type RawDeliveryHandler = (delivery: ConsumeMessage) => Promise<void>;

/** How the deliveries ended, since start. */
export interface DeliveryCounts {
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
}

/** The broker queue a delivery came from and the channel it is settled on. */
export interface DeliverySource {
  readonly queue: string;
  readonly channel: Channel;
}

/**
 * Decides and carries out the fate of each delivery the consumer host takes: runs its handler,
 * then acks it, sends a copy to a retry step or parks it.
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
 */
export class DeliveryFate {
  private stopping = false;
  private wakeSleepers: Array<() => void> = [];
  private acked = 0;
  private requeued = 0;
  private retried = 0;
  private parked = 0;
  private alreadyCopied = 0;
  private readonly copied = new CopiedDeliveries();

  constructor(
    private readonly topology: MessagingTopology,
    private readonly publisher: ConfirmingPublisher,
    private readonly logger: MessagingLogger = new Logger(DeliveryFate.name),
  ) {}

  counts(): DeliveryCounts {
    return {
      acked: this.acked,
      requeued: this.requeued,
      retried: this.retried,
      parked: this.parked,
      alreadyCopied: this.alreadyCopied,
    };
  }

  /** The host is stopping: deliveries waiting to be requeued are requeued at once. */
  stop(): void {
    this.stopping = true;
    for (const wake of this.wakeSleepers.splice(0)) wake();
  }

  /** An undecoded delivery (the parked queue's collector): ack, or requeue after a delay. */
  async handleRaw(
    source: DeliverySource,
    delivery: ConsumeMessage,
    handler: RawDeliveryHandler,
  ): Promise<void> {
    const { channel } = source;
    try {
      await handler(delivery);
      if (this.settle(() => channel.ack(delivery))) this.acked += 1;
    } catch (error) {
      await this.requeueLater(source, delivery, (error as Error).message);
    }
  }

  /** A delivery for a handler of decoded messages: ack, retry copy or parked copy. */
  async handleDecoded(
    source: DeliverySource,
    delivery: ConsumeMessage,
    handler: MessageHandler,
  ): Promise<void> {
    const { channel } = source;
    if (await this.copied.isCopied(source.queue, delivery)) {
      this.logger.warn(
        `${String(delivery.properties.messageId)} came back to ${source.queue} after ` +
          'its retry or parked copy was published; acked without another copy',
      );
      if (this.settle(() => channel.ack(delivery))) this.alreadyCopied += 1;
      return;
    }
    const parsed = parseInboundMessage(delivery);
    if (!parsed.ok) {
      await this.park(source, delivery, 'MESSAGING_MESSAGE_MALFORMED', parsed.reason);
      return;
    }
    const message = parsed.message;
    const started = Date.now();
    try {
      await handler(message);
      if (this.settle(() => channel.ack(delivery))) this.acked += 1;
      this.logger.debug?.(
        `handled ${message.type} ${message.messageId} from ${source.queue} ` +
          `in ${Date.now() - started} ms`,
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (isPermanentFailure(error)) {
        const code = failureCode(error, 'MESSAGING_PERMANENT_FAILURE');
        await this.park(source, delivery, code, reason);
      } else if (message.deliveryCount >= this.topology.deliveryLimit) {
        await this.park(source, delivery, 'MESSAGING_DELIVERY_LIMIT', reason);
      } else {
        const boundedByHandler = error instanceof RetryLaterError;
        await this.retryLater(source, delivery, message, reason, boundedByHandler);
      }
    }
  }

  /**
   * Sends a copy to the retry step of this attempt, then acks. When no step is left it parks the
   * message, unless the handler bounds its retries itself (RetryLaterError): then the longest
   * step again.
   */
  private async retryLater(
    source: DeliverySource,
    delivery: ConsumeMessage,
    message: InboundMessage,
    reason: string,
    boundedByHandler: boolean,
  ): Promise<void> {
    const { channel } = source;
    const attempt = attemptOf(message.headers) + 1;
    const steps = this.topology.retryDelaysMs.length;
    const step = boundedByHandler ? Math.min(attempt, steps) : attempt;
    const exchange = this.topology.retryExchange(step);
    const attempts = boundedByHandler ? 'until the handler settles it' : `of ${steps + 1}`;
    if (!exchange) {
      await this.park(source, delivery, 'MESSAGING_RETRIES_EXHAUSTED', reason);
      return;
    }
    const where = `${message.type} ${message.messageId} on ${source.queue}`;
    try {
      const copy = this.publisher.publishRaw(exchange, source.queue, delivery.content, {
        ...copiedProperties(delivery),
        headers: retryHeaders(delivery, { attempt, reason }),
      });
      this.copied.track(source.queue, delivery, copy);
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
    source: DeliverySource,
    delivery: ConsumeMessage,
    reason: string,
  ): Promise<void> {
    const { channel } = source;
    const deliveries = Number(delivery.properties.headers?.['x-delivery-count'] ?? 0) || 0;
    const delay = Math.min(30_000, 250 * 2 ** Math.min(deliveries, 7));
    this.logger.warn(
      `handler failed for ${String(delivery.properties.messageId ?? '(no id)')} on ` +
        `${source.queue}; requeued in ${delay} ms: ${reason}`,
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
    source: DeliverySource,
    delivery: ConsumeMessage,
    code: string,
    reason: string,
  ): Promise<void> {
    const { channel } = source;
    const { properties } = delivery;
    const describe = `${String(properties.type ?? '(no type)')} ${String(properties.messageId ?? '(no id)')}`;
    this.logger.error(`parking ${describe} from ${source.queue}: ${code}: ${reason}`);
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
              queue: source.queue,
            }),
          },
        );
        this.copied.track(source.queue, delivery, copy);
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
