import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Autovacuum settings for the tables whose rows die young (see TABLE_STORAGE_PARAMETERS, which
 * the schema spec compares with the database, and README "PostgreSQL settings a deployment
 * needs"). The outbox is a queue: vacuumed after 1,000 dead versions, unthrottled, else the
 * relay's claim reads every dead row left since the last vacuum. The others keep their rows but
 * update them at each step: vacuumed after 2 % and analysed after 1 % instead of 20 % and 10 %.
 * Storage parameters only: no rewrite, a brief SHARE UPDATE EXCLUSIVE lock per table.
 */
export class AutovacuumForChurningTables1795501238669 implements MigrationInterface {
  name = 'AutovacuumForChurningTables1795501238669';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "outbox_messages" SET (
                autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
                autovacuum_vacuum_cost_delay = 0,
                autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 50000)
        `);
    for (const table of UPDATED_AFTER_INSERT) {
      await queryRunner.query(`
            ALTER TABLE "${table}" SET (
                autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000,
                autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000)
        `);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of UPDATED_AFTER_INSERT) {
      await queryRunner.query(`
            ALTER TABLE "${table}" RESET (
                autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,
                autovacuum_analyze_scale_factor, autovacuum_analyze_threshold)
        `);
    }
    await queryRunner.query(`
            ALTER TABLE "outbox_messages" RESET (
                autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,
                autovacuum_vacuum_cost_delay,
                autovacuum_analyze_scale_factor, autovacuum_analyze_threshold)
        `);
  }
}

const UPDATED_AFTER_INSERT = [
  'dispatches',
  'dispatch_recipients',
  'status_notices',
  'webhook_notifications',
] as const;
