import { DataSource } from 'typeorm';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { insertRoutedDispatch } from '@docaxis/testing/dispatch-rows';
import { dataSourceOptions } from '../database/data-source-options';
import { runMigrationsExclusively } from '../database/run-migrations';
import { DispatchIndexesWithoutState1795523235594 } from './1795523235594-dispatch-indexes-without-state';

const SENDER = '000.00.00.G22';

describe('migration DispatchIndexesWithoutState, down and up again (real PostgreSQL)', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource(
      dataSourceOptions({ url: await createTestDatabase('indexes_without_state') }),
    );
    await dataSource.initialize();
    await dataSource.query(`INSERT INTO agencies (code, name) VALUES ($1, 'Văn phòng Chính phủ')`, [
      SENDER,
    ]);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const executed = async (name: string): Promise<boolean> =>
    (await dataSource.query('SELECT 1 FROM typeorm_migrations WHERE name = $1', [name])).length > 0;

  /** The two partial indexes' predicates and the checks that back the new ones. */
  const schema = async (): Promise<{ predicates: string[]; checks: string[] }> => {
    const indexes = await dataSource.query<Array<{ predicate: string }>>(
      `SELECT pg_get_expr(i.indpred, i.indrelid) AS predicate
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE c.relname IN ('uq_dispatches_number', 'ix_dispatches_awaiting_verification')
        ORDER BY c.relname`,
    );
    const checks = await dataSource.query<Array<{ name: string }>>(
      `SELECT conname AS name FROM pg_constraint
        WHERE conrelid = 'dispatches'::regclass AND conname LIKE 'ck_dispatches_%' ORDER BY 1`,
    );
    return { predicates: indexes.map((i) => i.predicate), checks: checks.map((c) => c.name) };
  };

  const AFTER = {
    predicates: ['(verified_at IS NULL)', '((rejection_code IS NULL) AND (business_type = 0))'],
    checks: ['ck_dispatches_rejection_code', 'ck_dispatches_state', 'ck_dispatches_verified_at'],
  };

  it('restores the predicates on state, then applies again over dispatches in every state', async () => {
    expect(await schema()).toEqual(AFTER);

    const name = new DispatchIndexesWithoutState1795523235594().name;
    while (await executed(name)) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await schema()).toEqual({
      predicates: [
        "((state)::text = 'accepted'::text)",
        "(((state)::text <> 'rejected'::text) AND (business_type = 0))",
      ],
      checks: ['ck_dispatches_state'],
    });

    // What the axis writes: routed (verdict time), rejected (and its code), accepted (neither).
    await insertRoutedDispatch(dataSource, SENDER);
    const rejected = await insertRoutedDispatch(dataSource, SENDER);
    await dataSource.query(
      `UPDATE dispatches SET state = 'rejected', rejection_code = 'PDF_UNSIGNED' WHERE id = $1`,
      [rejected],
    );
    const accepted = await insertRoutedDispatch(dataSource, SENDER);
    await dataSource.query(
      `UPDATE dispatches SET state = 'accepted', verified_at = NULL WHERE id = $1`,
      [accepted],
    );

    await runMigrationsExclusively(dataSource);
    expect(await schema()).toEqual(AFTER);
    const [{ pending }] = await dataSource.query(
      `SELECT count(*)::int AS pending FROM dispatches WHERE verified_at IS NULL`,
    );
    expect(pending).toBe(1);
  });
});
