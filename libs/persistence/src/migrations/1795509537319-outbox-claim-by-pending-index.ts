import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `outbox_due_message_ids(max_rows, excluded)`: the ids the relay's claim leases, chosen as
 * before (due now, not in `excluded`, highest priority first, then oldest, then id; locked,
 * skipping rows other relays hold), but always read through `ix_outbox_messages_pending`
 * by a plain index scan.
 *
 * Why a function: its `SET` clauses turn off sequential and bitmap scans for the one query it
 * runs, and nowhere else. Every message leaves two dead versions in `outbox_messages` (the
 * claim's update and the delete). A sequential scan (what the planner picks on a never-analysed
 * table) reads all of them at every claim, and a bitmap scan (what it picks once analysed)
 * reads every dead index entry below now(); both grow until a vacuum. A plain index scan marks
 * each dead entry it meets as dead in the index (`kill_prior_tuple`), later scans skip those
 * entries without visiting the heap, and a page of killed entries is emptied the next time an
 * insert needs the room: the claim stays flat on a server that vacuums rarely or never (such as
 * the development server, autovacuum off) and reads no more where autovacuum runs (bench/README,
 * "Session 8, PostgreSQL").
 *
 * PL/pgSQL caches the query's plan per connection, as the relay's other statements are prepared.
 * `ROWS 10` (a claim's usual size) keeps the claim's UPDATE on the primary key for the ids it
 * gets back; at the default 1,000 the planner may hash-join them against the whole table.
 * Dropping it in down() leaves the relay of an older build (which has its own SQL) unaffected.
 */
export class OutboxClaimByPendingIndex1795509537319 implements MigrationInterface {
  name = 'OutboxClaimByPendingIndex1795509537319';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE FUNCTION outbox_due_message_ids(max_rows integer, excluded uuid[])
            RETURNS SETOF uuid
            LANGUAGE plpgsql VOLATILE ROWS 10
            SET enable_seqscan = off
            SET enable_bitmapscan = off
            AS $$
            BEGIN
                RETURN QUERY
                    SELECT o.id FROM outbox_messages o
                     WHERE o.available_at <= now() AND o.id <> ALL(excluded)
                     ORDER BY o.priority DESC, o.created_at, o.id
                     LIMIT max_rows
                       FOR UPDATE SKIP LOCKED;
            END
            $$
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION outbox_due_message_ids(integer, uuid[])`);
  }
}
