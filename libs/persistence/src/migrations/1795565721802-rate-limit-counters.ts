import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The per-agency request counters every gateway instance shares, so N instances behind a balancer
 * give an agency one budget, not N. UNLOGGED: a counter needs no crash safety (after a crash the
 * budgets start afresh, as they did on every restart while they lived in memory) and so costs no
 * WAL on every request; it is not replicated to standbys either, which is as wanted.
 */
export class RateLimitCounters1795565721802 implements MigrationInterface {
  name = 'RateLimitCounters1795565721802';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE UNLOGGED TABLE "rate_limit_counters" (
                "key" varchar(300) NOT NULL,
                "hits" integer NOT NULL,
                "window_ends_at" timestamptz NOT NULL,
                "blocked_until" timestamptz,
                CONSTRAINT "pk_rate_limit_counters" PRIMARY KEY ("key")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_counters"`);
  }
}
