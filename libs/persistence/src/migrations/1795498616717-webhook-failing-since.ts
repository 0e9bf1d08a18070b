import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Since when every delivery attempt to a webhook has failed (NULL while the last one that counts
 * succeeded): the notifier deactivates a webhook failing for WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS.
 *
 * The column changes with delivery outcomes, so the change trigger (WebhookChangeNotify) now
 * fires only when what the notifiers cache can change (which agencies have an active webhook):
 * an insert or delete, or an UPDATE that sets `active` or `agency_code`. A failed attempt, a
 * success after failures, or a secret re-sealed at start-up no longer makes every notifier drop
 * and reload its set.
 */
export class WebhookFailingSince1795498616717 implements MigrationInterface {
  name = 'WebhookFailingSince1795498616717';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhooks" ADD "failing_since" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`DROP TRIGGER "webhooks_notify_change" ON "webhooks"`);
    await queryRunner.query(`
            CREATE TRIGGER "webhooks_notify_change"
            AFTER INSERT OR UPDATE OF "active", "agency_code" OR DELETE OR TRUNCATE ON "webhooks"
            FOR EACH STATEMENT EXECUTE FUNCTION "webhooks_notify_change"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "webhooks_notify_change" ON "webhooks"`);
    await queryRunner.query(`
            CREATE TRIGGER "webhooks_notify_change"
            AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "webhooks"
            FOR EACH STATEMENT EXECUTE FUNCTION "webhooks_notify_change"()
        `);
    await queryRunner.query(`ALTER TABLE "webhooks" DROP COLUMN "failing_since"`);
  }
}
