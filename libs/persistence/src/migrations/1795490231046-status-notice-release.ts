import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Status notices are delivered in order without retry loops: the router records that a notice's
 * message reached it (`ready_at`) and delivers, under the addressee's inbox lock, every ready
 * notice of the (dispatch, recipient, addressee) that is next in order. A notice whose message an
 * operator discarded is given up (`skipped_at`, `skip_reason`): the gap is recorded and the
 * notices after it are released. Notices delivered before this migration keep NULL in all three.
 */
export class StatusNoticeRelease1795490231046 implements MigrationInterface {
  name = 'StatusNoticeRelease1795490231046';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "status_notices"
              ADD "ready_at" TIMESTAMP WITH TIME ZONE,
              ADD "skipped_at" TIMESTAMP WITH TIME ZONE,
              ADD "skip_reason" text
        `);
    // Only the notices not in an inbox yet: small, for the waiting-notices gauge.
    await queryRunner.query(
      `CREATE INDEX "ix_status_notices_undelivered" ON "status_notices" ("addressee_code") WHERE "delivery_seq" IS NULL AND "skipped_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_status_notices_undelivered"`);
    await queryRunner.query(`
            ALTER TABLE "status_notices"
              DROP COLUMN "skip_reason", DROP COLUMN "skipped_at", DROP COLUMN "ready_at"
        `);
  }
}
