import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dispatches awaiting signature verification (state `accepted`), which the gateway's
 * admission control counts several times a second: a partial index holds only them, so the
 * count reads the backlog, not the whole history. It costs no HOT update that was not already
 * lost: `uq_dispatches_number`'s predicate already names `state`.
 */
export class DispatchesAwaitingVerificationIndex1795479215449 implements MigrationInterface {
  name = 'DispatchesAwaitingVerificationIndex1795479215449';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_dispatches_awaiting_verification" ON "dispatches" ("id") WHERE "state" = 'accepted'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_dispatches_awaiting_verification"`);
  }
}
