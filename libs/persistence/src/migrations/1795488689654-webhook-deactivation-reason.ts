import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a webhook is inactive, for the agency (`GET /api/v1/webhooks`) and the operator: a stable
 * code (the agency deactivated it, a registration replaced it, or the notifier found its host
 * resolving to a non-public address and stopped it) and the words behind it. Webhooks that were
 * deactivated before this column keep NULL: nobody recorded why.
 */
export class WebhookDeactivationReason1795488689654 implements MigrationInterface {
  name = 'WebhookDeactivationReason1795488689654';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "webhooks"
              ADD "deactivation_code" character varying(32),
              ADD "deactivation_reason" text
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "webhooks" DROP COLUMN "deactivation_reason", DROP COLUMN "deactivation_code"
        `);
  }
}
