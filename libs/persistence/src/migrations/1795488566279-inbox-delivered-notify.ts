import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whatever takes an inbox position (a dispatch copy delivered, a status notice delivered) sends a
 * NOTIFY on `docaxis_inbox_delivered` with the agency whose inbox it is, so a gateway's waiting
 * long-polls for that agency query once, when it commits, instead of every 250 ms. Triggers
 * rather than a clause in each delivery statement: every way of delivering (one copy, a batch, a
 * notice) notifies inside its own statement, and none can forget to. They fire only for the
 * UPDATE that gives a row its position; PostgreSQL sends the notifications when the transaction
 * commits, one per distinct agency (identical notifications of a transaction are folded).
 */
/** Each table whose rows take inbox positions, with the column naming the inbox's agency. */
const INBOX_TABLES = [
  { table: 'dispatch_recipients', agencyColumn: 'recipient_code' },
  { table: 'status_notices', agencyColumn: 'addressee_code' },
] as const;

export class InboxDeliveredNotify1795488566279 implements MigrationInterface {
  name = 'InboxDeliveredNotify1795488566279';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const { table, agencyColumn } of INBOX_TABLES) {
      await queryRunner.query(`
            CREATE FUNCTION "${table}_notify_inbox"() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('docaxis_inbox_delivered', NEW.${agencyColumn});
                RETURN NULL;
            END
            $$
        `);
      await queryRunner.query(`
            CREATE TRIGGER "${table}_notify_inbox"
            AFTER UPDATE OF "delivery_seq" ON "${table}"
            FOR EACH ROW WHEN (OLD.delivery_seq IS NULL AND NEW.delivery_seq IS NOT NULL)
            EXECUTE FUNCTION "${table}_notify_inbox"()
        `);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of INBOX_TABLES) {
      await queryRunner.query(`DROP TRIGGER "${table}_notify_inbox" ON "${table}"`);
      await queryRunner.query(`DROP FUNCTION "${table}_notify_inbox"()`);
    }
  }
}
