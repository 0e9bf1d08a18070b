import { DataSource } from 'typeorm';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { dataSourceOptions } from './data-source-options';
import { runMigrationsExclusively } from './run-migrations';
import { TABLE_STORAGE_PARAMETERS } from './table-storage-parameters';

describe('database schema (real PostgreSQL, committed migrations)', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource(dataSourceOptions({ url: await createTestDatabase('schema') }));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('matches the entities exactly: no pending schema change (entity/migration drift check)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('gives each table exactly the declared storage parameters (TypeORM does not compare them)', async () => {
    const rows: Array<{ table: string; options: string[] }> = await dataSource.query(
      `SELECT c.relname AS table, c.reloptions AS options
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.reloptions IS NOT NULL`,
    );
    const actual = Object.fromEntries(rows.map((row) => [row.table, [...row.options].sort()]));
    const declared = Object.fromEntries(
      Object.entries(TABLE_STORAGE_PARAMETERS).map(([table, options]) => [
        table,
        [...options].sort(),
      ]),
    );
    expect(actual).toEqual(declared);
  });

  it('applies nothing twice when migrations run again', async () => {
    expect(await runMigrationsExclusively(dataSource)).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit chain', async () => {
    await dataSource.query(
      `INSERT INTO audit_records (seq, event_id, event_type, occurred_at, recorded_at, payload, payload_digest, prev_hash, hash)
       VALUES (1, 'e1', 'test', now(), now(), '{}', repeat('0', 64), repeat('0', 64), repeat('1', 64))`,
    );
    await expect(dataSource.query(`UPDATE audit_records SET event_type = 'x'`)).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(dataSource.query(`DELETE FROM audit_records`)).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(dataSource.query(`TRUNCATE audit_records`)).rejects.toThrow(
      /append-only: TRUNCATE refused/,
    );
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM audit_records`);
    expect(count).toBe(1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the signed checkpoints, even to the superuser', async () => {
    await dataSource.query(
      `INSERT INTO audit_checkpoints (head_seq, head_hash, created_at, signed_data, signer_subject)
       VALUES (1, repeat('1', 64), now(), '\\x3000', 'CN=axis')`,
    );
    for (const [statement, op] of [
      [`UPDATE audit_checkpoints SET head_hash = repeat('0', 64)`, 'UPDATE'],
      [`DELETE FROM audit_checkpoints`, 'DELETE'],
      [`TRUNCATE audit_checkpoints`, 'TRUNCATE'],
    ]) {
      await expect(dataSource.query(statement)).rejects.toThrow(`append-only: ${op} refused`);
    }
  });

  /** A dispatch of 000.00.00.G22 in `state`, with the verdict columns that state implies. */
  const insertDispatch = async (id: string, state: string, number = '05') => {
    await dataSource.query(
      `INSERT INTO agencies (code, name) VALUES ('000.00.00.G22', 'Văn phòng Chính phủ')
       ON CONFLICT DO NOTHING`,
    );
    await dataSource.query(
      `INSERT INTO dispatches (id, sender_code, request_digest, document_id, code_number, code_notation,
         promulgation_year, subject, urgency, envelope, state, correlation_id, verified_at,
         rejection_code)
       VALUES ($1, '000.00.00.G22', repeat('a', 64), 'doc', $3, 'VPCP-KSTT', 2026, 's', 'normal', '{}',
         $2::varchar, 'c', CASE WHEN $2::varchar = 'accepted' THEN NULL ELSE now() END,
         CASE WHEN $2::varchar = 'rejected' THEN 'PDF_UNSIGNED' END)`,
      [id, state, number],
    );
  };

  it('keeps number and notation unique per sender and year, except for rejected dispatches', async () => {
    await insertDispatch('00000000-0000-7000-8000-000000000001', 'rejected');
    await insertDispatch('00000000-0000-7000-8000-000000000002', 'accepted');
    await expect(
      insertDispatch('00000000-0000-7000-8000-000000000003', 'accepted'),
    ).rejects.toThrow(/uq_dispatches_number/);
  });

  it('refuses a dispatch whose verdict columns disagree with its state (what the partial indexes read)', async () => {
    const id = '00000000-0000-7000-8000-000000000011';
    await insertDispatch(id, 'accepted', '05-checks');
    await expect(
      dataSource.query(`UPDATE dispatches SET state = 'verified' WHERE id = $1`, [id]),
    ).rejects.toThrow(/ck_dispatches_verified_at/);
    await expect(
      dataSource.query(
        `UPDATE dispatches SET state = 'rejected', verified_at = now() WHERE id = $1`,
        [id],
      ),
    ).rejects.toThrow(/ck_dispatches_rejection_code/);
    await expect(
      dataSource.query(`UPDATE dispatches SET verified_at = now() WHERE id = $1`, [id]),
    ).rejects.toThrow(/ck_dispatches_verified_at/);
  });

  it("updates a dispatch's state alone in place (HOT): no index of dispatches reads state or updated_at", async () => {
    const indexed = await dataSource.query<Array<{ name: string; definition: string }>>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE tablename = 'dispatches'`,
    );
    expect(indexed.length).toBeGreaterThanOrEqual(7);
    for (const { definition } of indexed) expect(definition).not.toMatch(/\b(state|updated_at)\b/);

    const id = '00000000-0000-7000-8000-000000000021';
    await insertDispatch(id, 'accepted', '05-hot');
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(
        `UPDATE dispatches SET state = 'verified', verified_at = now(), updated_at = now() WHERE id = $1`,
        [id],
      );
      await runner.query(
        `UPDATE dispatches SET state = 'routed', updated_at = now() WHERE id = $1`,
        [id],
      );
      // This transaction's own counts, so no wait for the statistics to be flushed.
      const [counts] = await runner.query(
        `SELECT n_tup_upd::int AS updated, n_tup_hot_upd::int AS hot
           FROM pg_stat_xact_user_tables WHERE relname = 'dispatches'`,
      );
      // The verdict leaves the backlog index (verified_at); the route changes no indexed column.
      expect(counts).toEqual({ updated: 2, hot: 1 });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
