import { DataSource } from 'typeorm';
import { insertRoutedDispatch } from '@docaxis/testing/dispatch-rows';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { dataSourceOptions } from '../database/data-source-options';
import { DispatchWithdrawnState1795498358910 } from './1795498358910-dispatch-withdrawn-state';

describe('migration DispatchWithdrawnState (real PostgreSQL)', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource(
      dataSourceOptions({ url: await createTestDatabase('withdrawn_down') }),
    );
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  async function executed(name: string): Promise<boolean> {
    const rows: unknown[] = await dataSource.query(
      'SELECT 1 FROM typeorm_migrations WHERE name = $1',
      [name],
    );
    return rows.length > 0;
  }

  it('rolls back with withdrawn dispatches present: they become verified, as before it', async () => {
    await dataSource.query(
      `INSERT INTO agencies (code, name) VALUES ('000.00.00.H41', 'Bộ Tài chính (thử nghiệm)')`,
    );
    const withdrawn = await insertRoutedDispatch(dataSource, '000.00.00.H41');
    const routed = await insertRoutedDispatch(dataSource, '000.00.00.H41');
    await dataSource.query(`UPDATE dispatches SET state = 'withdrawn' WHERE id = $1`, [withdrawn]);

    const name = new DispatchWithdrawnState1795498358910().name;
    while (await executed(name)) await dataSource.undoLastMigration({ transaction: 'each' });

    const rows: { id: string; state: string }[] = await dataSource.query(
      'SELECT id, state FROM dispatches WHERE id = ANY($1) ORDER BY id',
      [[withdrawn, routed]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.state]))).toEqual({
      [withdrawn]: 'verified',
      [routed]: 'routed',
    });
    await expect(
      dataSource.query(`UPDATE dispatches SET state = 'withdrawn' WHERE id = $1`, [routed]),
    ).rejects.toThrow(/ck_dispatches_state/);
  });
});
