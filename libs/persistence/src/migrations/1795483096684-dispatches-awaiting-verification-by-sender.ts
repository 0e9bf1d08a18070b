import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Admission control now counts the dispatches awaiting verification per sending agency (GROUP
 * BY sender_code), to share the backlog fairly: the partial index keys on `sender_code` instead
 * of `id`, so the grouped count stays an index-only scan of the backlog alone.
 */
export class DispatchesAwaitingVerificationBySender1795483096684 implements MigrationInterface {
  name = 'DispatchesAwaitingVerificationBySender1795483096684';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_dispatches_awaiting_verification"`);
    await queryRunner.query(
      `CREATE INDEX "ix_dispatches_awaiting_verification" ON "dispatches" ("sender_code") WHERE "state" = 'accepted'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_dispatches_awaiting_verification"`);
    await queryRunner.query(
      `CREATE INDEX "ix_dispatches_awaiting_verification" ON "dispatches" ("id") WHERE "state" = 'accepted'`,
    );
  }
}
