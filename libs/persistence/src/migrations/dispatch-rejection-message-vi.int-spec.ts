import type { DataSource } from 'typeorm';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { insertRoutedDispatch } from '@docaxis/testing/dispatch-rows';
import { runMigrationsExclusively } from '../database/run-migrations';
import { DispatchRejectionMessageVi1795513641438 } from './1795513641438-dispatch-rejection-message-vi';

const SENDER = '000.00.00.G22';
const ENGLISH = '"a.pdf" carries no digital signature.';

describe('migration DispatchRejectionMessageVi, down and up again (real PostgreSQL)', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ dataSource } = await agencyDatabase('rejection_vi_down', [
      { code: SENDER, name: 'Văn phòng Chính phủ' },
    ]));
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const executed = async (name: string): Promise<boolean> =>
    (await dataSource.query('SELECT 1 FROM typeorm_migrations WHERE name = $1', [name])).length > 0;

  const columns = async (): Promise<string[]> =>
    (
      await dataSource.query<Array<{ name: string }>>(
        `SELECT column_name AS name FROM information_schema.columns
          WHERE table_name = 'dispatches' AND column_name LIKE 'rejection_%' ORDER BY 1`,
      )
    ).map((column) => column.name);

  it('drops the Vietnamese reason alone, keeping the English one, and adds it back empty for older rows', async () => {
    expect(await columns()).toEqual([
      'rejection_code',
      'rejection_message',
      'rejection_message_vi',
    ]);
    const name = new DispatchRejectionMessageVi1795513641438().name;
    while (await executed(name)) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await columns()).toEqual(['rejection_code', 'rejection_message']);

    // Rejected before the change: its reason in English only.
    const id = await insertRoutedDispatch(dataSource, SENDER);
    await dataSource.query(
      `UPDATE dispatches SET state = 'rejected', rejection_code = 'PDF_UNSIGNED',
         rejection_message = $2 WHERE id = $1`,
      [id, ENGLISH],
    );

    await runMigrationsExclusively(dataSource);
    expect(await columns()).toEqual([
      'rejection_code',
      'rejection_message',
      'rejection_message_vi',
    ]);
    expect(
      await dataSource.query(
        `SELECT rejection_message, rejection_message_vi FROM dispatches WHERE id = $1`,
        [id],
      ),
    ).toEqual([{ rejection_message: ENGLISH, rejection_message_vi: null }]);
  });
});
