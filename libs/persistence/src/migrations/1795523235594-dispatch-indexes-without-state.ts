import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No index of `dispatches` names `state` any more, so the router's update (verified → routed or
 * withdrawn, which changes `state` and `updated_at` only) is a HOT update: one small heap record,
 * no new entry in any of the seven indexes (PostgreSQL 15 refuses HOT whenever a column an index
 * reads, predicates included, changes value). The two partial indexes that named it now read the
 * column the verdict sets with the state, and a CHECK makes each pair agree:
 * - `uq_dispatches_number` (a rejected dispatch frees its number): `rejection_code IS NULL`;
 *   rejected ⟺ rejection code, as the verdict always wrote it.
 * - `ix_dispatches_awaiting_verification` (admission control's backlog): `verified_at IS NULL`;
 *   accepted ⟺ no verdict time, as the verdict always wrote it (for a rejection too).
 * The verdict itself still changes `verified_at`, so it stays a non-HOT update: it has to leave
 * the backlog index. Adding the checks scans the table once under its lock; a row breaking
 * either (none written by the axis) stops the migration. bench/README "Session 9, PostgreSQL".
 */
export class DispatchIndexesWithoutState1795523235594 implements MigrationInterface {
  name = 'DispatchIndexesWithoutState1795523235594';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "dispatches"
                ADD CONSTRAINT "ck_dispatches_rejection_code"
                    CHECK ((state = 'rejected') = (rejection_code IS NOT NULL)),
                ADD CONSTRAINT "ck_dispatches_verified_at"
                    CHECK ((state = 'accepted') = (verified_at IS NULL))
        `);
    await replaceIndexes(queryRunner, {
      number: `rejection_code IS NULL AND business_type = 0`,
      awaiting: `verified_at IS NULL`,
    });
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await replaceIndexes(queryRunner, {
      number: `state <> 'rejected' AND business_type = 0`,
      awaiting: `state = 'accepted'`,
    });
    await queryRunner.query(`
            ALTER TABLE "dispatches"
                DROP CONSTRAINT "ck_dispatches_verified_at",
                DROP CONSTRAINT "ck_dispatches_rejection_code"
        `);
  }
}

/** Rebuilds the two partial indexes with the given predicates, under their own names. */
async function replaceIndexes(
  queryRunner: QueryRunner,
  predicates: { number: string; awaiting: string },
): Promise<void> {
  await queryRunner.query(`DROP INDEX "public"."uq_dispatches_number"`);
  await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_dispatches_number" ON "dispatches" (
                "sender_code", "promulgation_year", "code_number", "code_notation"
            ) WHERE ${predicates.number}
        `);
  await queryRunner.query(`DROP INDEX "public"."ix_dispatches_awaiting_verification"`);
  await queryRunner.query(`
            CREATE INDEX "ix_dispatches_awaiting_verification" ON "dispatches" ("sender_code")
                WHERE ${predicates.awaiting}
        `);
}
