import type { MigrationInterface, QueryRunner } from 'typeorm';
import { InboxDeliveredNotify1795488566279 } from './1795488566279-inbox-delivered-notify';

/**
 * Drops the InboxDeliveredNotify triggers: deliveries are now announced after they commit, by
 * whoever delivered (InboxDeliveryAnnouncer). A NOTIFY inside the delivering transaction made
 * PostgreSQL hold its cluster-wide notify lock through that commit's WAL flush, so delivering
 * commits stopped sharing flushes (bench/README.md, "Inbox long-polls woken by deliveries").
 * `down` recreates the triggers as they were, with the migration that made them.
 */
export class InboxDeliveredNotifyAfterCommit1795492019821 implements MigrationInterface {
  name = 'InboxDeliveredNotifyAfterCommit1795492019821';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await new InboxDeliveredNotify1795488566279().down(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await new InboxDeliveredNotify1795488566279().up(queryRunner);
  }
}
