import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to `webhooks` sends a NOTIFY on `docaxis_webhooks_changed` when it commits, so the
 * notifier can keep the set of agencies with a webhook in memory and drop it the moment an agency
 * registers or deactivates one (instead of querying `webhooks` for every inbox event).
 */
export class WebhookChangeNotify1795470775403 implements MigrationInterface {
  name = 'WebhookChangeNotify1795470775403';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE FUNCTION "webhooks_notify_change"() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('docaxis_webhooks_changed', '');
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "webhooks_notify_change"
            AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "webhooks"
            FOR EACH STATEMENT EXECUTE FUNCTION "webhooks_notify_change"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "webhooks_notify_change" ON "webhooks"`);
    await queryRunner.query(`DROP FUNCTION "webhooks_notify_change"()`);
  }
}
