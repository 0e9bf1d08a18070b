import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each status notice keeps the correlation id of the request that recorded it, so a notice
 * released by another notice's delivery (or by a discard or skip) is announced under its own
 * correlation id rather than the releasing message's. Notices recorded before stay NULL and are
 * announced under the releasing message's, as before.
 */
export class StatusNoticeCorrelationId1795498613973 implements MigrationInterface {
  name = 'StatusNoticeCorrelationId1795498613973';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "status_notices" ADD "correlation_id" character varying(64)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "status_notices" DROP COLUMN "correlation_id"`);
  }
}
