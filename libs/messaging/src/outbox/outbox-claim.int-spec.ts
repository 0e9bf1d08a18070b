import { createTestDatabase } from '@docaxis/testing/test-database';
import { waitFor } from '@docaxis/testing/wait-for';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { DataSource } from 'typeorm';
import { OUTBOX_CLAIM_SQL, OutboxRepository } from './outbox.repository';

/** Messages inserted, leased and deleted before the rows under test: two dead versions each. */
const RELAYED_BEFORE = 3000;

/** What the claim read of the outbox in one transaction: heap and pending index. */
interface ClaimReads {
  heapBlocks: number;
  indexBlocks: number;
  sequentialScans: number;
  pendingIndexScans: number;
}

describe('outbox relay claim on a table full of dead versions (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let repository: OutboxRepository;

  const insert = (id: string, priority: number, createdSecondsAgo: number, dueInSeconds = 0) =>
    dataSource.query(
      `INSERT INTO outbox_messages (id, destination, routing_key, message_type, payload, headers,
                                    priority, created_at, available_at)
       VALUES ($1, 'events', 'dispatch.routed', 'dispatch.routed', '{}', '{}', $2,
               now() - $3 * interval '1 second', now() + $4 * interval '1 second')`,
      [id, priority, createdSecondsAgo, dueInSeconds],
    );

  /** Runs the claim's row choice in a transaction and reads that transaction's own statistics. */
  const claimReads = async (): Promise<{ ids: string[]; reads: ClaimReads }> => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      const statistics = async (): Promise<ClaimReads> => {
        const [row]: Array<{ heap: string; index: string; seq: string; idx: string }> =
          await runner.query(
            `SELECT pg_stat_get_xact_blocks_fetched('outbox_messages'::regclass) AS heap,
                  pg_stat_get_xact_blocks_fetched('ix_outbox_messages_pending'::regclass) AS index,
                  pg_stat_get_xact_numscans('outbox_messages'::regclass) AS seq,
                  pg_stat_get_xact_numscans('ix_outbox_messages_pending'::regclass) AS idx`,
          );
        return {
          heapBlocks: Number(row.heap),
          indexBlocks: Number(row.index),
          sequentialScans: Number(row.seq),
          pendingIndexScans: Number(row.idx),
        };
      };
      const before = await statistics();
      const rows: Array<{ id: string }> = await runner.query(
        `SELECT due.id FROM outbox_due_message_ids(100, '{}'::uuid[]) AS due(id)`,
      );
      const after = await statistics();
      return {
        ids: rows.map((row) => row.id),
        reads: {
          heapBlocks: after.heapBlocks - before.heapBlocks,
          indexBlocks: after.indexBlocks - before.indexBlocks,
          sequentialScans: after.sequentialScans - before.sequentialScans,
          pendingIndexScans: after.pendingIndexScans - before.pendingIndexScans,
        },
      };
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  };

  /**
   * Waits until every transaction that began before now has ended, on any database of the
   * server: until then the dead versions may still be visible to one of them, so no scan may mark
   * their index entries dead, and the claim reads every dead version's heap page. Other specs'
   * transactions on the shared server (a CREATE or DROP DATABASE runs for about a second) made
   * the block counts below depend on what else the server was doing at that instant.
   */
  const untilDeadToEveryone = async (): Promise<void> => {
    const [{ xid }] = await dataSource.query<Array<{ xid: string }>>(
      `SELECT pg_current_xact_id()::text AS xid`,
    );
    await waitFor(
      async () =>
        (
          await dataSource.query<Array<{ passed: boolean }>>(
            `SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 AS passed`,
            [xid],
          )
        )[0].passed,
      (passed) => passed,
      'every transaction older than the dead versions to end',
    );
  };

  beforeAll(async () => {
    dataSource = new DataSource(
      // One connection: the function's cached plan and the statistics read are that connection's.
      dataSourceOptions({ url: await createTestDatabase('outbox-claim'), poolSize: 1 }),
    );
    await dataSource.initialize();
    repository = new OutboxRepository(dataSource);
    // This database's own table, never vacuumed during the spec, whatever the server's autovacuum
    // setting: a vacuum would remove the dead versions the specs below read past.
    await dataSource.query(`ALTER TABLE outbox_messages SET (autovacuum_enabled = false)`);
    // What the relay leaves behind on a server that does not vacuum: each message inserted, its
    // available_at pushed forward by a claim (a new version, new index entries) and deleted.
    await dataSource.query(
      `INSERT INTO outbox_messages (id, destination, routing_key, message_type, payload, headers)
       SELECT gen_random_uuid(), 'events', 'dispatch.routed', 'dispatch.routed',
              jsonb_build_object('padding', repeat('x', 200)), '{}'
         FROM generate_series(1, ${RELAYED_BEFORE})`,
    );
    await dataSource.query(
      `UPDATE outbox_messages SET available_at = now() - interval '1 second', attempts = 1`,
    );
    await dataSource.query(`DELETE FROM outbox_messages`);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('leases due rows by priority, then age, never a leased one, and each at most once', async () => {
    await insert('00000000-0000-7000-8000-00000000000a', 0, 30);
    await insert('00000000-0000-7000-8000-00000000000b', 5, 10);
    await insert('00000000-0000-7000-8000-00000000000c', 0, 20);
    await insert('00000000-0000-7000-8000-00000000000d', 9, 40, 60); // leased by another relay
    await insert('00000000-0000-7000-8000-00000000000e', 5, 5);

    const first = await repository.claim(3, 30_000);
    expect(first.map((row) => row.id.slice(-1))).toEqual(['b', 'e', 'a']);
    expect(first.every((row) => row.attempts === 1)).toBe(true);
    const second = await repository.claim(3, 30_000, ['b', 'e', 'a'].map(idOf));
    expect(second.map((row) => row.id.slice(-1))).toEqual(['c']);
    expect(
      await repository.claim(
        3,
        30_000,
        second.map((row) => row.id),
      ),
    ).toEqual([]);
    const [{ left }] = await dataSource.query<Array<{ left: string[] }>>(
      `SELECT array_agg(right(id::text, 1) ORDER BY id) AS left FROM outbox_messages`,
    );
    expect(left).toEqual(['d']); // the claims deleted what the previous one had leased
  });

  it('reads the pending index, not the dead versions, once a claim has passed over them', async () => {
    await dataSource.query(`DELETE FROM outbox_messages`);
    await insert('00000000-0000-7000-8000-000000000001', 0, 3);
    await insert('00000000-0000-7000-8000-000000000002', 0, 2);
    const [{ pages }] = await dataSource.query<Array<{ pages: number }>>(
      `SELECT (pg_relation_size('outbox_messages') / 8192)::int AS pages`,
    );
    expect(pages).toBeGreaterThan(100); // the dead versions are still there: nothing vacuumed

    await untilDeadToEveryone();
    const warmUp = await claimReads(); // marks the dead index entries it meets as dead
    const { ids, reads } = await claimReads();

    expect(warmUp.ids).toHaveLength(2);
    expect(ids).toEqual([idOf('1'), idOf('2')]);
    expect(reads.sequentialScans).toBe(0);
    expect(reads.pendingIndexScans).toBe(1);
    // The two live rows' heap pages and a handful of index pages, against > 100 heap pages that
    // a sequential scan (or a bitmap scan's heap visits) would read.
    expect(reads.heapBlocks + reads.indexBlocks).toBeLessThan(20);
  });

  it('keeps that plan on an analysed table', async () => {
    await dataSource.query(`ANALYZE outbox_messages`);
    await untilDeadToEveryone();
    // Planned afresh after the ANALYZE (the planner also reads the index's ends for the range's
    // selectivity), then measured.
    await claimReads();
    const { ids, reads } = await claimReads();
    expect(ids).toEqual([idOf('1'), idOf('2')]);
    expect(reads.sequentialScans).toBe(0);
    expect(reads.pendingIndexScans).toBe(1);
    expect(reads.heapBlocks + reads.indexBlocks).toBeLessThan(20);
  });

  it('commits the claim without waiting for its WAL flush, and nothing else on that connection', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(OUTBOX_CLAIM_SQL, [0, 30_000, []]); // claims nothing, deletes nothing
      const [inside]: Array<{ synchronous_commit: string }> =
        await runner.query(`SHOW synchronous_commit`);
      expect(inside.synchronous_commit).toBe('off');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    await repository.claim(100, 30_000);
    // One pooled connection: the claim's (autocommit) transaction ended with its setting.
    const [after] =
      await dataSource.query<Array<{ synchronous_commit: string }>>(`SHOW synchronous_commit`);
    expect(after.synchronous_commit).toBe('on');
  });
});

function idOf(last: string): string {
  return `00000000-0000-7000-8000-00000000000${last}`;
}
