import { Logger } from '@nestjs/common';
import {
  connect,
  type Channel,
  type ChannelModel,
  type ConfirmChannel,
  type RecoveringChannelModel,
} from 'amqplib';
import type { MessagingLogger } from '../messaging-logger';
import { MessagingUnavailableError } from './messaging-unavailable.error';

export interface AmqpConnectionSettings {
  url: string;
  /** Shown by `rabbitmqctl list_connections client_properties`; tests find a connection by it. */
  connectionName: string;
  /** Dead peers are detected after about two missed heartbeats. Default 10 s. */
  heartbeatSeconds?: number;
  reconnect?: {
    /** First reconnect delay; doubles (with jitter) up to `maxDelayMs`. Default 200 ms. */
    initialDelayMs?: number;
    /** Default 10 s. */
    maxDelayMs?: number;
    /**
     * Attempts before `start()` gives up when the broker is unreachable at start-up, so a
     * misconfigured app fails its deployment; once connected it retries forever. Default 10.
     */
    initialMaxRetries?: number;
  };
  logger?: MessagingLogger;
}

/** Runs on every (re)connect, before the connection is handed to anyone else. */
export type ConnectHook = (model: ChannelModel) => Promise<void>;

export interface ConnectionHealth {
  readonly connected: boolean;
  readonly blocked: boolean;
  /** Successful connections so far: 1 after start, +1 per recovery. */
  readonly connectCount: number;
  readonly lastDisconnectReason?: string;
}

/**
 * One AMQP connection per app that recovers by itself.
 *
 * Reconnection is amqplib's own (`connect(url, { recovery })`, amqplib 2.x): maintained with the
 * client, exponential backoff with jitter, a `setup` hook run on every reconnect before anyone
 * gets the connection. amqp-connection-manager was the alternative; it was not chosen because it
 * owns the channels, and three of its open issues hit exactly our delivery path: it acks on
 * whichever channel is current, so an ack of a message received before a reconnect closes the new
 * channel with 406 (issue #294); a channel closed by the broker while the connection lives is
 * never reopened (#347); and publishes on such a channel are re-queued forever (#124). We need
 * the raw ConfirmChannel anyway (to tie `basic.return` to its publish and to ack on the channel a
 * message came from), so the publisher and the consumer host own their channels and reopen them
 * through this class, and the library owns the connection.
 */
export class AmqpConnection {
  private readonly logger: MessagingLogger;
  private readonly hooks: Array<{ name: string; run: ConnectHook }> = [];
  private recovering?: RecoveringChannelModel;
  private starting?: Promise<void>;
  private connected = false;
  private blocked = false;
  private closed = false;
  private connectCount = 0;
  private lastDisconnectReason?: string;

  constructor(private readonly settings: AmqpConnectionSettings) {
    this.logger = settings.logger ?? new Logger(AmqpConnection.name);
  }

  /** Connects (retrying per `initialMaxRetries`); resolves once the first connection is up. */
  start(): Promise<void> {
    this.starting ??= this.connectFirstTime();
    return this.starting;
  }

  private async connectFirstTime(): Promise<void> {
    const reconnect = this.settings.reconnect ?? {};
    const recovering = await connect(this.urlWithHeartbeat(), {
      clientProperties: { connection_name: this.settings.connectionName },
      recovery: {
        initialDelay: reconnect.initialDelayMs ?? 200,
        maxDelay: reconnect.maxDelayMs ?? 10_000,
        factor: 2,
        jitter: 0.2,
        maxRetries: Infinity,
        initialMaxRetries: reconnect.initialMaxRetries ?? 10,
        waitForConnect: false,
        setup: (model: ChannelModel) => this.runHooks(model),
      },
    });
    this.recovering = recovering;
    if (this.closed) {
      await recovering.close();
      throw new MessagingUnavailableError('the connection was closed while starting');
    }
    recovering.on('connect', () => {
      this.connected = true;
      this.blocked = false;
      this.connectCount += 1;
      if (this.connectCount > 1)
        this.logger.log(`reconnected to RabbitMQ (${this.settings.connectionName})`);
    });
    recovering.on('disconnect', (error: Error) => {
      this.connected = false;
      this.lastDisconnectReason = error.message;
      this.logger.warn(`lost the RabbitMQ connection: ${error.message}; reconnecting`);
    });
    recovering.on('connect-failed', (error: Error) => {
      this.logger.warn(`RabbitMQ connection attempt failed: ${error.message}`);
    });
    recovering.on('reconnect-failed', (error: Error) => {
      this.logger.error(`gave up reconnecting to RabbitMQ: ${error.message}`);
    });
    recovering.on('blocked', (reason: string) => {
      this.blocked = true;
      this.logger.warn(`RabbitMQ blocked publishing on this connection: ${reason}`);
    });
    recovering.on('unblocked', () => {
      this.blocked = false;
      this.logger.log('RabbitMQ unblocked publishing');
    });
    // Without a listener an 'error' event would crash the process; recovery follows it anyway.
    recovering.on('error', (error: Error) => {
      this.logger.warn(`RabbitMQ connection error: ${error.message}`);
    });
    recovering.on('handler-error', (error: Error, event: string) => {
      this.logger.error(`a RabbitMQ '${event}' listener threw: ${error.message}`);
    });
    await recovering.waitForConnect();
  }

  /**
   * Registers work to redo on every later reconnect (declare topology, restart consumers), in
   * registration order. A hook that throws makes that attempt fail and recovery retry it.
   * Returns a function that unregisters the hook.
   */
  addConnectHook(name: string, run: ConnectHook): () => void {
    const entry = { name, run };
    this.hooks.push(entry);
    return () => {
      const index = this.hooks.indexOf(entry);
      if (index >= 0) this.hooks.splice(index, 1);
    };
  }

  private async runHooks(model: ChannelModel): Promise<void> {
    for (const hook of [...this.hooks]) {
      try {
        await hook.run(model);
      } catch (error) {
        this.logger.error(`connect hook "${hook.name}" failed: ${(error as Error).message}`);
        throw error;
      }
    }
  }

  /** A channel on the current connection; starts the connection if needed, waits while reconnecting. */
  async createChannel(): Promise<Channel> {
    return (await this.started()).createChannel();
  }

  async createConfirmChannel(): Promise<ConfirmChannel> {
    return (await this.started()).createConfirmChannel();
  }

  isConnected(): boolean {
    return this.connected;
  }

  health(): ConnectionHealth {
    return {
      connected: this.connected,
      blocked: this.blocked,
      connectCount: this.connectCount,
      lastDisconnectReason: this.lastDisconnectReason,
    };
  }

  get name(): string {
    return this.settings.connectionName;
  }

  /** Closes the connection (and every channel on it) and stops reconnecting. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.connected = false;
    await this.recovering?.close();
    await this.starting?.catch(() => undefined);
  }

  /** Components may ask for channels before the app's bootstrap hook started the connection. */
  private async started(): Promise<RecoveringChannelModel> {
    if (this.closed) throw new MessagingUnavailableError('the connection was closed');
    if (!this.recovering) await this.start();
    if (!this.recovering || this.closed)
      throw new MessagingUnavailableError('the connection was closed');
    return this.recovering;
  }

  private urlWithHeartbeat(): string {
    const url = new URL(this.settings.url);
    if (!url.searchParams.has('heartbeat')) {
      url.searchParams.set('heartbeat', String(this.settings.heartbeatSeconds ?? 10));
    }
    return url.toString();
  }
}
