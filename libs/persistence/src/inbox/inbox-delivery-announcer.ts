import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedStatement } from '../database/prepared-statements';
import { INBOX_DELIVERED_CHANNEL } from './inbox-wakeups';

/**
 * Tells the gateways' waiting long-polls (InboxWakeups) that agencies' inboxes received
 * something: one `pg_notify` per distinct agency, in one autocommit statement on the pool. Call it
 * after the delivering transaction has committed, never inside it: a transaction that NOTIFYs
 * holds PostgreSQL's cluster-wide notify lock through its commit's WAL flush, so notifying
 * deliveries could no longer share flushes (~450 against ~3,000-5,000 commits/s with 8
 * connections, bench/README.md); this statement writes no WAL and holds that lock briefly.
 * Announcing after the commit also means a woken poll finds what it was woken for.
 */
@Injectable()
export class InboxDeliveryAnnouncer {
  private readonly logger = new Logger(InboxDeliveryAnnouncer.name);

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Notifies each agency once, whatever the repeats; nothing (no statement) for none. Never
   * throws: a lost notification costs a waiting poll at most INBOX_WAIT_SAFETY_POLL_MS, and the
   * delivery it follows is committed and must not be retried for it.
   */
  async announce(agencyCodes: Iterable<string>): Promise<void> {
    const codes = [...new Set(agencyCodes)];
    if (codes.length === 0) return;
    try {
      await this.dataSource.query(
        preparedStatement(`SELECT pg_notify($1, code) FROM unnest($2::text[]) AS code`),
        [INBOX_DELIVERED_CHANNEL, codes],
      );
    } catch (error) {
      this.logger.warn(
        `inbox delivery to ${codes.join(', ')} not announced (waiting polls find it on their ` +
          `safety look): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
