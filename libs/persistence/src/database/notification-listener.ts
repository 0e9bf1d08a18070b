import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { ReconnectBackoff, type ReconnectBackoffSettings } from './reconnect-backoff';

export interface NotificationListenerSettings {
  /** Database URL for the one connection that LISTENs (the pool's connections stay free). */
  url: string;
  /** A plain identifier; NOTIFY reaches listeners of the same database only. */
  channel: string;
  /** Names the connection in pg_stat_activity. */
  applicationName: string;
  /**
   * After a lost connection (or a failed attempt), how long to wait before connecting again:
   * exponential with jitter, back to the initial wait once listening. Default 1 s doubling to 30 s.
   */
  reconnect?: ReconnectBackoffSettings;
  /** The jitter's source, in [0, 1); for tests. */
  random?: () => number;
}

export interface NotificationHandlers {
  /** A notification on the channel, with its payload. */
  notified(payload: string): void;
  /**
   * The connection listens (again). Notifications sent before this point were not received:
   * whatever was built from them may be stale.
   */
  listening(): void;
  /** The connection is lost; it reconnects on its own until `stop`. Nothing is received meanwhile. */
  lost(): void;
}

/** A plain, unquoted PostgreSQL identifier (LISTEN takes no parameter). */
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * One dedicated connection LISTENing on one channel, reconnecting after a lost connection until
 * stopped. PostgreSQL delivers a NOTIFY only when its transaction commits, and only to sessions
 * listening at that moment, so the handlers are told when listening starts and stops.
 */
export class NotificationListener {
  private readonly logger = new Logger(NotificationListener.name);
  private readonly backoff: ReconnectBackoff;
  private client?: Client;
  private stopped = true;
  private reconnectTimer?: NodeJS.Timeout;
  private isListening = false;

  constructor(
    private readonly settings: NotificationListenerSettings,
    private readonly handlers: NotificationHandlers,
  ) {
    if (!CHANNEL_NAME.test(settings.channel)) {
      throw new RangeError(`Not a plain channel name: ${settings.channel}`);
    }
    this.backoff = new ReconnectBackoff(settings.reconnect, settings.random);
  }

  /** True while the channel's notifications are being received. */
  get listening(): boolean {
    return this.isListening;
  }

  /** Starts listening; failing to, it keeps trying in the background. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    this.isListening = false;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.settings.url,
      application_name: this.settings.applicationName,
    });
    client.on('notification', (message) => this.handlers.notified(message.payload ?? ''));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${this.settings.channel}`);
      if (this.client !== client) return;
      this.backoff.reset();
      this.isListening = true;
      this.handlers.listening();
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: Client, error?: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    const wasListening = this.isListening;
    this.isListening = false;
    client.end().catch(() => undefined);
    if (wasListening) this.handlers.lost();
    if (this.stopped) return;
    const delayMs = this.backoff.nextDelayMs();
    this.logger.warn(
      `${this.settings.channel} listener lost (${error instanceof Error ? error.message : 'connection ended'}); ` +
        `connecting again in ${delayMs} ms`,
    );
    this.reconnectTimer = setTimeout(() => void this.connect(), delayMs);
  }
}
