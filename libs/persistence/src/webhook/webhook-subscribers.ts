import type { DataSource } from 'typeorm';
import { NotificationListener } from '../database/notification-listener';
import type { ReconnectBackoffSettings } from '../database/reconnect-backoff';

/**
 * The channel the `webhooks_notify_change` trigger notifies on, when a committed change can alter
 * which agencies have an active webhook (an insert, a delete, or an update setting `active` or
 * `agency_code`; not a delivery outcome such as `failing_since`).
 */
export const WEBHOOKS_CHANGED_CHANNEL = 'docaxis_webhooks_changed';

export interface WebhookSubscribersSettings {
  /** Database URL for the one connection that LISTENs (the pool's connections stay free). */
  url: string;
  /** After a lost LISTEN connection, the waits before connecting again (default 1 s doubling to 30 s). */
  reconnect?: ReconnectBackoffSettings;
}

/**
 * Which agencies have an active webhook, kept in memory so an inbox event for an agency without
 * one costs no query (most agencies poll their inbox instead). The set is loaded with one query
 * and dropped whenever PostgreSQL reports a committed change to `webhooks` that can alter it
 * (LISTEN/NOTIFY, see the WebhookChangeNotify and WebhookFailingSince migrations), so a webhook
 * registered through the API counts for the next event the notifier handles, as when it queried
 * every time. While the LISTEN connection is down nothing is cached: `anySubscribed` answers
 * true and callers query as before.
 */
export class WebhookSubscribers {
  private readonly listener: NotificationListener;
  private agencies: Promise<ReadonlySet<string>> | null = null;
  /** Bumped by every change notice: a load started before one is not kept. */
  private generation = 0;
  private changeNotices = 0;

  constructor(
    private readonly dataSource: DataSource,
    settings: WebhookSubscribersSettings,
  ) {
    // Whatever was loaded before (re)listening, or while not listening, may have missed a change.
    const forget = () => this.forget();
    const noticed = () => {
      this.changeNotices += 1;
      this.forget();
    };
    this.listener = new NotificationListener(
      {
        url: settings.url,
        channel: WEBHOOKS_CHANGED_CHANNEL,
        applicationName: 'docaxis-webhook-listener',
        reconnect: settings.reconnect,
      },
      { notified: noticed, listening: forget, lost: forget },
    );
  }

  /** Change notices received so far: what dropped the set, countable where timing is not. */
  get noticesReceived(): number {
    return this.changeNotices;
  }

  /** Starts listening; failing to, it keeps trying in the background (nothing is cached meanwhile). */
  start(): Promise<void> {
    return this.listener.start();
  }

  async stop(): Promise<void> {
    await this.listener.stop();
    this.forget();
  }

  /** False only when none of `agencyCodes` has an active webhook, as of the last change notice. */
  async anySubscribed(agencyCodes: readonly string[]): Promise<boolean> {
    if (agencyCodes.length === 0) return false;
    if (!this.listener.listening) return true;
    const generation = this.generation;
    let loading = this.agencies;
    if (!loading) {
      loading = this.load();
      this.agencies = loading;
    }
    let agencies: ReadonlySet<string>;
    try {
      agencies = await loading;
    } catch {
      // Not cached; the caller's own query meets the same database and decides.
      if (this.agencies === loading) this.agencies = null;
      return true;
    }
    // A change arrived while loading: this answer may predate it.
    if (generation !== this.generation) return true;
    return agencyCodes.some((code) => agencies.has(code));
  }

  private async load(): Promise<ReadonlySet<string>> {
    const rows: { agency_code: string }[] = await this.dataSource.query(
      `SELECT DISTINCT agency_code FROM webhooks WHERE active`,
    );
    return new Set(rows.map((row) => row.agency_code));
  }

  private forget(): void {
    this.generation += 1;
    this.agencies = null;
  }
}
