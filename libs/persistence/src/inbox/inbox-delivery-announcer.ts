import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedStatement } from '../database/prepared-statements';
import { INBOX_DELIVERED_CHANNEL } from './inbox-wakeups';

/**
 * How long an announcement waits for others to share its statement. A dispatch's copies reach
 * their agencies' batches together and commit within about a millisecond of each other, so
 * each would otherwise cost a transaction of its own (bench/README.md, "Session 10,
 * PostgreSQL"); a waiting long-poll hears of its delivery this much later at most.
 */
export const INBOX_ANNOUNCEMENT_LINGER_MS = 2;

/**
 * The announcement: `pg_notify` for each agency code of $2 on channel $1. `pg_notify` gives its
 * transaction an xid, so it commits with a WAL record; `set_config(…, true)` makes that commit
 * not wait for the record's flush (it lasts until the transaction ends, and the statement runs
 * in autocommit), which the cluster-wide notify lock, held until after the commit, would
 * otherwise wait for too. A server crash may lose the last announcements, which a waiting poll
 * covers at its safety look, as any lost one. Exported for the spec that checks the setting.
 */
export const INBOX_ANNOUNCEMENT_SQL = `SELECT pg_notify($1, code) FROM unnest($2::text[]) AS code
  WHERE set_config('synchronous_commit', 'off', true) = 'off'`;

/**
 * Tells the gateways' waiting long-polls (InboxWakeups) that agencies' inboxes received
 * something: one `pg_notify` per distinct agency, in one autocommit statement on the pool. Call it
 * after the delivering transaction has committed, never inside it: a transaction that NOTIFYs
 * holds PostgreSQL's cluster-wide notify lock through its commit's WAL flush, so notifying
 * deliveries could no longer share flushes (~450 against ~3,000-5,000 commits/s with 8
 * connections, bench/README.md); this statement commits without a flush and holds that lock
 * briefly. Announcing after the commit also means a woken poll finds what it was woken for.
 *
 * Announcements made within INBOX_ANNOUNCEMENT_LINGER_MS of each other, or while one is being
 * sent, go out together in the next statement: one transaction for the copies a dispatch's
 * recipients received at once, not one per agency batch.
 */
@Injectable()
export class InboxDeliveryAnnouncer {
  private readonly logger = new Logger(InboxDeliveryAnnouncer.name);
  /** Agencies to announce in the next statement, and the callers waiting for it. */
  private waitingCodes = new Set<string>();
  private waitingCallers: (() => void)[] = [];
  private timer?: NodeJS.Timeout;
  private sending = false;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Notifies each agency once, whatever the repeats; nothing (no statement) for none. Resolves
   * once the statement carrying these agencies has run. Never throws: a lost notification costs
   * a waiting poll at most INBOX_WAIT_SAFETY_POLL_MS, and the delivery it follows is committed
   * and must not be retried for it.
   */
  announce(agencyCodes: Iterable<string>): Promise<void> {
    const codes = [...agencyCodes];
    if (codes.length === 0) return Promise.resolve();
    for (const code of codes) this.waitingCodes.add(code);
    return new Promise<void>((resolve) => {
      this.waitingCallers.push(resolve);
      if (!this.sending)
        this.timer ??= setTimeout(() => void this.send(), INBOX_ANNOUNCEMENT_LINGER_MS);
    });
  }

  /** Sends what waits; what arrives meanwhile goes in the next statement, right after. */
  private async send(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const codes = [...this.waitingCodes];
    const callers = this.waitingCallers;
    this.waitingCodes = new Set();
    this.waitingCallers = [];
    this.sending = true;
    try {
      await this.dataSource.query(preparedStatement(INBOX_ANNOUNCEMENT_SQL), [
        INBOX_DELIVERED_CHANNEL,
        codes,
      ]);
    } catch (error) {
      this.logger.warn(
        `inbox delivery to ${codes.join(', ')} not announced (waiting polls find it on their ` +
          `safety look): ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      this.sending = false;
      for (const resolve of callers) resolve();
      // Already waited the statement's round trip: no linger on top.
      if (this.waitingCallers.length > 0) void this.send();
    }
  }
}
