import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A dispatch its sender recalled before the router fanned it out reached nobody: the router now
 * ends it in the transport state `withdrawn` (with a `dispatch.withdrawn` event) instead of
 * leaving it `verified`. `down` puts withdrawn dispatches back to `verified`, which is how the code
 * before this migration left them (their `recalled_at` still says why), so a rollback never
 * fails on production data.
 */
export class DispatchWithdrawnState1795498358910 implements MigrationInterface {
  name = 'DispatchWithdrawnState1795498358910';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dispatches" DROP CONSTRAINT "ck_dispatches_state"`);
    await queryRunner.query(`
            ALTER TABLE "dispatches" ADD CONSTRAINT "ck_dispatches_state" CHECK (
                state IN ('accepted', 'verified', 'rejected', 'routed', 'withdrawn')
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dispatches" DROP CONSTRAINT "ck_dispatches_state"`);
    await queryRunner.query(`UPDATE "dispatches" SET state = 'verified' WHERE state = 'withdrawn'`);
    await queryRunner.query(`
            ALTER TABLE "dispatches" ADD CONSTRAINT "ck_dispatches_state" CHECK (
                state IN ('accepted', 'verified', 'rejected', 'routed')
            )
        `);
  }
}
