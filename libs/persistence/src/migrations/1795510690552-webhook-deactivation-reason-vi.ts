import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a webhook is inactive, in Vietnamese beside the English `deactivation_reason`, for the
 * agency (`GET /api/v1/webhooks`: `deactivationReasonVi`). Webhooks deactivated before this column
 * keep NULL there: their words were recorded in English only.
 */
export class WebhookDeactivationReasonVi1795510690552 implements MigrationInterface {
  name = 'WebhookDeactivationReasonVi1795510690552';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhooks" ADD "deactivation_reason_vi" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhooks" DROP COLUMN "deactivation_reason_vi"`);
  }
}
