import { DataSource, QueryFailedError } from 'typeorm';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { dataSourceOptions } from './data-source-options';
import { preparedStatement } from './prepared-statements';

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
});
