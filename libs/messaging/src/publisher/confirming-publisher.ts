import { DomainError } from '@docaxis/errors/domain-error';
import { Logger } from '@nestjs/common';
import type { ConfirmChannel, Message, Options } from 'amqplib';
import type { AmqpConnection } from '../connection/amqp-connection';
import type { MessagingLogger } from '../messaging-logger';
import { laneOfPriority, laneRoutingKey } from '../topology/delivery-lanes';
import type { MessagingTopology } from '../topology/messaging-topology';
import { MessageUnroutableError } from './message-unroutable.error';
import { encodeBody, publishOptionsFor, type OutboundMessage } from './outbound-message';
import { newPublishId, PUBLISH_ID_HEADER } from './publish-id';
import { PublishFailedError } from './publish-failed.error';
import { PublishTimeoutError } from './publish-timeout.error';

export interface PublisherSettings {
  /** A publish that is not confirmed within this time rejects. Default 10 s. */
  publishTimeoutMs?: number;
  /** AMQP `app-id` of published messages (the app name). */
  appId?: string;
  logger?: MessagingLogger;
}

export interface PublisherStats {
  /** Publishes confirmed by the broker since start. */
  readonly confirmed: number;
  /** Publishes that rejected (nack, unroutable, time-out, channel closed). */
  readonly failed: number;
  readonly inFlight: number;
}

type Phase = 'a connection' | 'channel back-pressure to ease' | 'the broker confirm';

interface PendingPublish {
  readonly messageId: string;
  /** This publish's own id (PUBLISH_ID_HEADER): what a `basic.return` is matched on. */
  readonly publishId: string;
  readonly exchange: string;
  readonly routingKey: string;
  phase: Phase;
  settled: boolean;
  resolve(): void;
  reject(error: Error): void;
}

/** One confirm channel and what travels on it. */
interface ChannelState {
  readonly channel: ConfirmChannel;
  writable: boolean;
  closed: boolean;
  closeReason?: string;
  drainWaiters: Array<() => void>;
  /** publishId → the publish awaiting its confirm, to tie a `basic.return` to its publish. */
  awaiting: Map<string, PendingPublish>;
}

/**
 * Publishes on a ConfirmChannel and resolves only once the broker has taken responsibility for
 * the message (persistent, confirmed). Many publishes may be in flight at once: confirms are
 * pipelined, never awaited one by one. Every publish is `mandatory`: the broker returns a message
 * no queue would receive, and that publish rejects with MESSAGING_UNROUTABLE (RabbitMQ sends
 * `basic.return` before the `basic.ack` of the same message, on the same channel, so the return is
 * seen first); the return is tied to its publish by a per-publish id header (publish-id.ts), not
 * by the message id, which two publishes in flight may share (a redrive, an outbox retry). Every
 * publish also has a time-out covering the whole way (waiting for a
 * connection, for back-pressure to ease, for the confirm), so no promise hangs.
 */
export class ConfirmingPublisher {
  readonly publishTimeoutMs: number;
  private readonly logger: MessagingLogger;
  private current?: Promise<ChannelState>;
  private currentState?: ChannelState;
  private confirmed = 0;
  private failed = 0;
  private inFlight = 0;
  private closed = false;

  constructor(
    private readonly connection: AmqpConnection,
    /** The topology it publishes into (the outbox relay declares a missing inbox with it). */
    readonly topology: MessagingTopology,
    private readonly settings: PublisherSettings = {},
  ) {
    this.publishTimeoutMs = settings.publishTimeoutMs ?? 10_000;
    this.logger = settings.logger ?? new Logger(ConfirmingPublisher.name);
  }

  /**
   * Publishes a JSON message to a logical exchange; resolves on the broker's confirm. An urgent
   * message (priority Khẩn or above) travels on the urgent lane (topology/delivery-lanes.ts).
   */
  async publish(message: OutboundMessage): Promise<void> {
    const options = publishOptionsFor(message, this.settings.appId);
    await this.publishRaw(
      this.topology.exchangeName(message.exchange),
      laneRoutingKey(laneOfPriority(message.priority), message.routingKey),
      encodeBody(message.body),
      options,
    );
  }

  /**
   * Publishes a JSON message straight into one broker queue (the default exchange routes by
   * queue name): a redriven parked message goes back only to the consumer it failed on.
   */
  async publishToQueue(
    queue: string,
    message: Omit<OutboundMessage, 'exchange' | 'routingKey'>,
  ): Promise<void> {
    const options = publishOptionsFor(
      { ...message, exchange: 'events', routingKey: queue },
      this.settings.appId,
    );
    await this.publishRaw('', queue, encodeBody(message.body), options);
  }

  /**
   * Publishes bytes with the given properties to a broker exchange name (the consumer host
   * parks messages with it, keeping their original properties). `messageId` is required.
   */
  publishRaw(
    exchange: string,
    routingKey: string,
    content: Buffer,
    options: Options.Publish,
  ): Promise<void> {
    const messageId = options.messageId;
    if (!messageId) {
      return Promise.reject(new PublishFailedError('(none)', exchange, 'a messageId is required'));
    }
    if (this.closed) {
      return Promise.reject(new PublishFailedError(messageId, exchange, 'the publisher is closed'));
    }
    this.inFlight += 1;
    const publishId = newPublishId();
    return new Promise<void>((resolve, reject) => {
      const pending: PendingPublish = {
        messageId,
        publishId,
        exchange,
        routingKey,
        phase: 'a connection',
        settled: false,
        resolve: () => settle(() => resolve(), true),
        reject: (error) => settle(() => reject(error), false),
      };
      const timer = setTimeout(
        () =>
          pending.reject(
            new PublishTimeoutError(messageId, exchange, this.publishTimeoutMs, pending.phase),
          ),
        this.publishTimeoutMs,
      );
      const settle = (finish: () => void, ok: boolean): void => {
        if (pending.settled) return;
        pending.settled = true;
        clearTimeout(timer);
        this.inFlight -= 1;
        if (ok) this.confirmed += 1;
        else this.failed += 1;
        finish();
      };
      const headers: Record<string, unknown> = {
        ...(options.headers as Record<string, unknown> | undefined),
        [PUBLISH_ID_HEADER]: publishId,
      };
      this.send(pending, content, { ...options, headers, mandatory: true }).catch(
        (error: unknown) =>
          pending.reject(
            error instanceof DomainError
              ? error
              : new PublishFailedError(messageId, exchange, (error as Error).message),
          ),
      );
    });
  }

  stats(): PublisherStats {
    return { confirmed: this.confirmed, failed: this.failed, inFlight: this.inFlight };
  }

  /**
   * Waits (bounded by the time-out) for in-flight publishes, then closes the channel. From the
   * call on, publishes fail with MESSAGING_PUBLISH_FAILED ("the publisher is closed"), and so do
   * those in flight that lose their channel: no channel is opened any more.
   */
  async close(): Promise<void> {
    this.closed = true;
    const deadline = Date.now() + this.publishTimeoutMs;
    while (this.inFlight > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const opening = this.current;
    const state = this.currentState;
    this.current = undefined;
    this.currentState = undefined;
    if (state) {
      if (!state.closed) await state.channel.close().catch(() => undefined);
      return;
    }
    // Still waiting for a connection, which may never come back: closed once it opens, if ever.
    void opening?.then((late) => late.channel.close()).catch(() => undefined);
  }

  private async send(
    pending: PendingPublish,
    content: Buffer,
    options: Options.Publish,
  ): Promise<void> {
    for (;;) {
      if (this.closed && !this.current) {
        throw new PublishFailedError(
          pending.messageId,
          pending.exchange,
          'the publisher is closed',
        );
      }
      const state = await this.channelState();
      if (pending.settled) return;
      // Closed meanwhile, or no longer the publisher's (close() let go of it).
      if (state.closed || state !== this.currentState) continue;
      if (!state.writable) {
        pending.phase = 'channel back-pressure to ease';
        await new Promise<void>((resolve) => state.drainWaiters.push(resolve));
        if (pending.settled) return;
        continue;
      }
      pending.phase = 'the broker confirm';
      state.awaiting.set(pending.publishId, pending);
      const writable = state.channel.publish(
        pending.exchange,
        pending.routingKey,
        content,
        options,
        (error: unknown) => {
          state.awaiting.delete(pending.publishId);
          if (!error) pending.resolve();
          else {
            const reason =
              state.closeReason ??
              (error instanceof Error ? error.message : 'nacked by the broker');
            pending.reject(new PublishFailedError(pending.messageId, pending.exchange, reason));
          }
        },
      );
      // Back-pressure: the socket buffer is full; later publishes wait for 'drain'.
      if (!writable) state.writable = false;
      return;
    }
  }

  private channelState(): Promise<ChannelState> {
    if (!this.current) {
      const opening = this.openChannel();
      this.current = opening;
      opening.catch(() => {
        if (this.current === opening) this.current = undefined;
      });
    }
    return this.current;
  }

  private async openChannel(): Promise<ChannelState> {
    const channel = await this.connection.createConfirmChannel();
    const state: ChannelState = {
      channel,
      writable: true,
      closed: false,
      drainWaiters: [],
      awaiting: new Map(),
    };
    channel.on('error', (error: Error) => {
      state.closeReason = error.message;
      this.logger.warn(`publisher channel error: ${error.message}`);
    });
    channel.on('return', (message: Message) => this.onReturn(state, message));
    channel.on('drain', () => {
      state.writable = true;
      for (const wake of state.drainWaiters.splice(0)) wake();
    });
    channel.on('close', () => {
      state.closed = true;
      // The next publish opens a new channel (the connection may still be up: a channel error).
      if (this.currentState === state) {
        this.current = undefined;
        this.currentState = undefined;
      }
      for (const wake of state.drainWaiters.splice(0)) wake();
    });
    this.currentState = state;
    return state;
  }

  private onReturn(state: ChannelState, message: Message): void {
    const publishId = (message.properties.headers ?? {})[PUBLISH_ID_HEADER] as unknown;
    const pending = typeof publishId === 'string' ? state.awaiting.get(publishId) : undefined;
    if (!pending) {
      const messageId = message.properties.messageId as string | undefined;
      this.logger.warn(`a returned message (${messageId ?? 'no id'}) matched no publish in flight`);
      return;
    }
    state.awaiting.delete(pending.publishId);
    const fields = message.fields as unknown as {
      replyText?: string;
      exchange: string;
      routingKey: string;
    };
    pending.reject(
      new MessageUnroutableError(
        pending.messageId,
        fields.exchange,
        fields.routingKey,
        fields.replyText ?? 'NO_ROUTE',
      ),
    );
  }
}
