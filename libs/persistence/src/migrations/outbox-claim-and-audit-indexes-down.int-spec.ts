import { DataSource } from 'typeorm';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { dataSourceOptions } from '../database/data-source-options';
import { runMigrationsExclusively } from '../database/run-migrations';
import { OutboxClaimByPendingIndex1795509537319 } from './1795509537319-outbox-claim-by-pending-index';

const SUPERSEDED_AUDIT_INDEXES = [
  'ix_audit_records_recipient',
  'ix_audit_records_sender',
  'ix_audit_records_type',
];

describe('migrations OutboxClaimByPendingIndex and DropSupersededAuditIndexes, down and up again (real PostgreSQL)', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource(
      dataSourceOptions({ url: await createTestDatabase('claim_audit_down') }),
    );
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const executed = async (name: string): Promise<boolean> =>
    (await dataSource.query('SELECT 1 FROM typeorm_migrations WHERE name = $1', [name])).length > 0;

  const schema = async (): Promise<{ claimFunction: boolean; auditIndexes: string[] }> => {
    const [{ claimFunction }] = await dataSource.query<Array<{ claimFunction: boolean }>>(
      `SELECT to_regprocedure('outbox_due_message_ids(integer, uuid[])') IS NOT NULL
                AS "claimFunction"`,
    );
    const indexes = await dataSource.query<Array<{ name: string }>>(
      `SELECT indexname AS name FROM pg_indexes
        WHERE tablename = 'audit_records' AND indexname = ANY($1) ORDER BY 1`,
      [SUPERSEDED_AUDIT_INDEXES],
    );
    return { claimFunction, auditIndexes: indexes.map((index) => index.name) };
  };

  it('restores the claim and the audit indexes as they were, then applies both again', async () => {
    expect(await schema()).toEqual({ claimFunction: true, auditIndexes: [] });

    const name = new OutboxClaimByPendingIndex1795509537319().name;
    while (await executed(name)) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await schema()).toEqual({
      claimFunction: false,
      auditIndexes: SUPERSEDED_AUDIT_INDEXES,
    });

    await runMigrationsExclusively(dataSource);
    expect(await schema()).toEqual({ claimFunction: true, auditIndexes: [] });
  });
});
