import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why the verifier refused a dispatch, in Vietnamese beside the English `rejection_message`
 * (GET /api/v1/dispatches/:id → `rejection.message` in the caller's language). Dispatches rejected
 * before this column keep NULL there: their reason was recorded in English only, and is served
 * in English.
 */
export class DispatchRejectionMessageVi1795513641438 implements MigrationInterface {
  name = 'DispatchRejectionMessageVi1795513641438';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dispatches" ADD "rejection_message_vi" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dispatches" DROP COLUMN "rejection_message_vi"`);
  }
}
