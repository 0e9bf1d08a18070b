import { DataSource } from 'typeorm';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { dataSourceOptions } from '../database/data-source-options';
import { AuditChainIsolationError } from './audit-chain-isolation.error';
import { AuditRecordRepository } from './audit-record.repository';

const DISPATCH_A = '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d0e';
const DISPATCH_B = '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d0f';
const hex = (n: number) => n.toString(16).padStart(64, '0');

function record(seq: number, dispatchId: string | null) {
  return {
    seq,
    eventId: `event-${seq}`,
    eventType: 'dispatch.submitted',
    occurredAt: new Date(Date.UTC(2026, 2, 12, 8, 0, seq)),
    recordedAt: new Date(Date.UTC(2026, 2, 12, 8, 0, seq, 7)),
    dispatchId,
    senderCode: '000.00.00.G22',
    recipientCode: seq % 2 ? '000.00.00.H41' : null,
    actor: 'verifier',
    payloadJson: JSON.stringify({ body: { n: seq, text: 'Đồng Tháp' } }),
    payloadDigest: hex(seq + 1000),
    prevHash: hex(seq - 1),
    hash: hex(seq),
  };
}

describe('AuditRecordRepository (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let repository: AuditRecordRepository;

  beforeAll(async () => {
    dataSource = new DataSource(dataSourceOptions({ url: await createTestDatabase('audit-repo') }));
    await dataSource.initialize();
    repository = new AuditRecordRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('has no head while the chain is empty', async () => {
    expect(await repository.head()).toBeNull();
    const { head, now, recorded } = await dataSource.transaction((manager) =>
      repository.appendPosition(manager, ['event-1']),
    );
    expect(recorded).toEqual(new Set());
    expect(head).toBeNull();
    expect(Math.abs(now.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('inserts many records in one statement and reads them back field for field', async () => {
    const records = [1, 2, 3, 4, 5].map((seq) => record(seq, seq === 3 ? DISPATCH_B : DISPATCH_A));
    await dataSource.transaction((manager) => repository.insertMany(manager, records));

    expect(await repository.head()).toEqual({ seq: 5, hash: hex(5) });
    const [first] = await repository.pageFrom(1, 1);
    const { payloadJson, ...columns } = records[0];
    expect(first).toEqual({ ...columns, payload: JSON.parse(payloadJson) as unknown });
  });

  it('reads the trail of one dispatch in chain order', async () => {
    const trail = await repository.trailOf(DISPATCH_A);
    expect(trail.map((r) => r.seq)).toEqual([1, 2, 4, 5]);
    expect((await repository.trailOf(DISPATCH_B)).map((r) => r.eventId)).toEqual(['event-3']);
    expect(await repository.trailOf('not-a-uuid')).toEqual([]);
  });

  it('pages from a seq, inclusive, and refuses a page size out of bounds', async () => {
    expect((await repository.pageFrom(2, 2)).map((r) => r.seq)).toEqual([2, 3]);
    expect((await repository.pageFrom(5, 10)).map((r) => r.seq)).toEqual([5]);
    expect(await repository.pageFrom(6, 10)).toEqual([]);
    await expect(repository.pageFrom(1, 0)).rejects.toMatchObject({
      code: 'AUDIT_PAGE_LIMIT_INVALID',
    });
    await expect(repository.pageFrom(1, 5001)).rejects.toMatchObject({
      code: 'AUDIT_PAGE_LIMIT_INVALID',
    });
  });

  it('reports which event ids are already recorded', async () => {
    const { head, recorded } = await dataSource.transaction((manager) =>
      repository.appendPosition(manager, ['event-2', 'event-9', 'event-5']),
    );
    expect([...recorded].sort()).toEqual(['event-2', 'event-5']);
    expect(head).toEqual({ seq: 5, hash: hex(5) });
  });

  it('takes the chain lock only in a READ COMMITTED transaction', async () => {
    await expect(
      dataSource.transaction('REPEATABLE READ', (manager) =>
        repository.lockChainForAppend(manager),
      ),
    ).rejects.toBeInstanceOf(AuditChainIsolationError);
    await dataSource.transaction((manager) => repository.lockChainForAppend(manager));
  });

  it('finds records by stored hash', async () => {
    expect(await repository.seqsWithHash(hex(4))).toEqual([4]);
    expect(await repository.seqsWithHash(hex(99))).toEqual([]);
  });

  it('pages the chain by (seq, row), seeing every row even when two share a seq', async () => {
    const pages: number[][] = [];
    let after = null;
    for (;;) {
      const page = await repository.chainPage({ fromSeq: 2, toSeq: 4, after, limit: 2 });
      if (page.length === 0) break;
      pages.push(page.map((r) => r.seq));
      const last = page[page.length - 1];
      after = { seq: last.seq, rowRef: last.rowRef };
    }
    expect(pages).toEqual([[2, 3], [4]]);

    // Tamper as the superuser: drop the primary key and add a second record with seq 3.
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SET session_replication_role = replica`);
      await runner.query(
        `ALTER TABLE audit_records DROP CONSTRAINT "PK_849d46c77cbd8a25c1e3cb456ff"`,
      );
      await repository.insertMany(runner.manager, [
        { ...record(3, null), eventId: 'forged-3', hash: hex(333) },
      ]);
    } finally {
      await runner.query(`RESET session_replication_role`);
      await runner.release();
    }
    const seen: string[] = [];
    after = null;
    for (;;) {
      const page = await repository.chainPage({ fromSeq: 1, toSeq: 5, after, limit: 3 });
      seen.push(...page.map((r) => `${r.seq}:${r.eventId}`));
      if (page.length < 3) break;
      const last = page[page.length - 1];
      after = { seq: last.seq, rowRef: last.rowRef };
    }
    expect(seen).toEqual([
      '1:event-1',
      '2:event-2',
      '3:event-3',
      '3:forged-3',
      '4:event-4',
      '5:event-5',
    ]);
  });
});
