import { Client } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { dataSourceOptions } from './data-source-options';
import { preparedStatement, REPLAN_FIRST_AFTER } from './prepared-statements';

/** One pool connection, so every statement of a spec meets the same prepared statements. */
describe('preparedStatement (real PostgreSQL, through TypeORM)', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource(
      dataSourceOptions({ url: await createTestDatabase('prepared'), poolSize: 1 }),
    );
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  /** The texts of the statements prepared on the (only) connection. */
  async function preparedTexts(): Promise<string[]> {
    const rows: { statement: string }[] = await dataSource.query(
      'SELECT statement FROM pg_prepared_statements',
    );
    return rows.map((row) => row.statement);
  }

  it('prepares a marked statement once on the connection and re-uses it', async () => {
    const marked = preparedStatement(`SELECT $1::int + 1 AS n /* prepared-spec marked */`);
    expect(await dataSource.query(marked, [1])).toEqual([{ n: 2 }]);
    expect(await dataSource.query(marked, [41])).toEqual([{ n: 42 }]);
    expect((await preparedTexts()).filter((text) => text === marked)).toHaveLength(1);
  });

  it('leaves an unmarked statement unprepared', async () => {
    const unmarked = `SELECT $1::int + 2 AS n /* prepared-spec unmarked */`;
    expect(await dataSource.query(unmarked, [1])).toEqual([{ n: 3 }]);
    expect(await preparedTexts()).not.toContain(unmarked);
  });

  it('answers as an unprepared statement does: [rows, count] for UPDATE … RETURNING, QueryFailedError with the constraint', async () => {
    await dataSource.query(
      `INSERT INTO agencies (code, name) VALUES ('000.00.00.P01', 'Prepared')`,
    );
    const rename = preparedStatement(
      `UPDATE agencies SET name = $2 WHERE code = $1 RETURNING code /* prepared-spec */`,
    );
    expect(await dataSource.query(rename, ['000.00.00.P01', 'Renamed'])).toEqual([
      [{ code: '000.00.00.P01' }],
      1,
    ]);

    const insert = preparedStatement(
      `INSERT INTO agencies (code, name) VALUES ($1, $2) /* prepared-spec */`,
    );
    const failure = await dataSource
      .transaction((manager) => manager.query(insert, ['000.00.00.P01', 'Twice']))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).driverError).toMatchObject({
      code: '23505',
      constraint: 'PK_6acd8cc6374916c08b4d7f060c8',
    });
    // The connection (and its prepared statement) still works after the failed transaction.
    await expect(dataSource.query(insert, ['000.00.00.P02', 'Another'])).resolves.toEqual([]);
  });

  /** The name and plan counts of the one statement prepared with `text` on the connection. */
  async function preparedAs(
    text: string,
  ): Promise<{ name: string; generic_plans: string; custom_plans: string }[]> {
    return dataSource.query(
      'SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = $1',
      [text],
    );
  }

  it('prepares a statement afresh after REPLAN_FIRST_AFTER executions, closing the old one without a statement of its own', async () => {
    const marked = preparedStatement(`SELECT $1::int * 2 AS n /* prepared-spec replanned */`);
    for (let i = 0; i < REPLAN_FIRST_AFTER; i += 1) {
      expect(await dataSource.query(marked, [i])).toEqual([{ n: 2 * i }]);
    }
    const [first] = await preparedAs(marked);
    const sent = jest.spyOn(Client.prototype, 'query');
    expect(await dataSource.query(marked, [21])).toEqual([{ n: 42 }]);
    expect(sent).toHaveBeenCalledTimes(1);
    sent.mockRestore();
    const again = await preparedAs(marked);
    expect(again).toHaveLength(1);
    expect(again[0].name).toBe(`${first.name}_1`);
    // The next refresh comes after twice as many executions.
    for (let i = 1; i < 2 * REPLAN_FIRST_AFTER; i += 1) await dataSource.query(marked, [i]);
    expect((await preparedAs(marked)).map((row) => row.name)).toEqual([`${first.name}_1`]);
    await dataSource.query(marked, [1]);
    expect((await preparedAs(marked)).map((row) => row.name)).toEqual([`${first.name}_2`]);
  });

  it('closes the old statement even when the refresh falls due in a failed transaction', async () => {
    const marked = preparedStatement(`SELECT $1::int - 1 AS n /* prepared-spec aborted */`);
    for (let i = 0; i < REPLAN_FIRST_AFTER; i += 1) await dataSource.query(marked, [i]);
    const [first] = await preparedAs(marked);
    const failure = await dataSource
      .transaction(async (manager) => {
        await manager.query('SELECT 1 / 0').catch(() => undefined);
        await manager.query(marked, [1]);
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);

    expect(await dataSource.query(marked, [43])).toEqual([{ n: 42 }]);
    expect((await preparedAs(marked)).map((row) => row.name)).toEqual([`${first.name}_1`]);
  });

  it('waits with a refresh until no execution under the old name is queued on the connection', async () => {
    const marked = preparedStatement(`SELECT $1::int * 3 AS n /* prepared-spec queued */`);
    const [{ name }] = await dataSource.query(
      `SELECT 'dx_' || left(encode(sha256(convert_to($1, 'UTF8')), 'hex'), 32) AS name`,
      [marked],
    );
    const runner = dataSource.createQueryRunner();
    try {
      // Sent at once on one connection: all but the first wait in node-postgres' queue, and the
      // refresh falls due among them.
      const calls = 2 * REPLAN_FIRST_AFTER + 3;
      const answers = await Promise.all(
        Array.from({ length: calls }, (_, i) => runner.query(marked, [i])),
      );
      expect(answers).toEqual(Array.from({ length: calls }, (_, i) => [{ n: 3 * i }]));
      // None was prepared afresh while its predecessors were queued; the next call is.
      const prepared = `SELECT name FROM pg_prepared_statements WHERE statement = $1`;
      expect(await runner.query(prepared, [marked])).toEqual([{ name }]);
      expect(await runner.query(marked, [14])).toEqual([{ n: 42 }]);
      expect(await runner.query(prepared, [marked])).toEqual([{ name: `${name}_1` }]);
    } finally {
      await runner.release();
    }
  });

  it('replaces a generic plan made on an empty table by one made on the table grown', async () => {
    // dispatch_recipients' columns and indexes: the key (dispatch_id, recipient_code) and the
    // inbox index (recipient_code, delivery_seq).
    // Autovacuum off for this table: an ANALYZE it ran after the bulk insert below would replace
    // the stale generic plan itself, and the spec would no longer show the refresh doing it.
    await dataSource.query(
      `CREATE TABLE plan_probe (LIKE dispatch_recipients INCLUDING INDEXES)
         WITH (autovacuum_enabled = false)`,
    );
    const lookup = preparedStatement(
      `SELECT delivery_seq FROM plan_probe
        WHERE dispatch_id = $1 AND recipient_code = $2 /* prepared-spec plan */`,
    );
    const plan = async () => {
      const [{ name }] = await preparedAs(lookup);
      const rows: { 'QUERY PLAN': string }[] = await dataSource.query(
        `EXPLAIN EXECUTE ${name}('00000000-0000-7000-8000-000000000001', 'a')`,
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    };
    const idOf = (i: number) => `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
    // Past the five custom plans PostgreSQL makes first, before the refresh is due.
    for (let i = 0; i < REPLAN_FIRST_AFTER; i += 1) await dataSource.query(lookup, [idOf(i), 'a']);
    await dataSource.query(
      `INSERT INTO plan_probe (dispatch_id, recipient_code, state, delivery_seq)
       SELECT ('00000000-0000-7000-8000-' || lpad(i::text, 12, '0'))::uuid, c, 'delivered',
              i * 3 + ascii(c)
         FROM generate_series(1, 20000) i, unnest('{a,b,c}'::text[]) c`,
    );
    // Never ANALYZEd: the generic plan made on the empty table stays,
    // reading every row of one recipient to find one by key.
    expect((await preparedAs(lookup))[0].generic_plans).not.toBe('0');
    expect(await plan()).toContain('plan_probe_recipient_code_delivery_seq_idx');

    // The refresh, then five custom plans and the generic one, all on the grown table.
    for (let i = 10; i < 10 + 1 + 5 + 1; i += 1) {
      expect(await dataSource.query(lookup, [idOf(i), 'b'])).toEqual([
        { delivery_seq: String(i * 3 + 98) },
      ]);
    }
    expect((await preparedAs(lookup))[0].generic_plans).not.toBe('0');
    expect(await plan()).toContain('plan_probe_pkey');
  });
});
