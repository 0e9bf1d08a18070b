import { DataSource } from 'typeorm';
import { AuditSearchRepository } from '@docaxis/persistence/audit/audit-search.repository';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { createTestDatabase } from '@docaxis/testing/test-database';
import {
  SEED_EPOCH,
  SEEDED_AGENCIES,
  seedAuditChain,
  seedDispatchesForChain,
  seededDispatchId,
} from '../testing/audit-chain-seeder';
import { auditEventsInOrder } from './audit-event-source';

describe('audit search filters and ordered paging (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let search: AuditSearchRepository;

  beforeAll(async () => {
    const url = await createTestDatabase('audit-search');
    dataSource = await new DataSource(dataSourceOptions({ url, poolSize: 2 })).initialize();
    await seedDispatchesForChain(dataSource, 60);
    await seedAuditChain(dataSource, 300, { batchSize: 70 });
    search = new AuditSearchRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const seqs = async (filter: Parameters<AuditSearchRepository['count']>[0]) => {
    const found: number[] = [];
    for await (const record of auditEventsInOrder(search, filter, Number.MAX_SAFE_INTEGER, 7)) {
      found.push(record.seq);
    }
    return found;
  };

  it('pages in order across page boundaries and stops at toSeq', async () => {
    expect(await seqs({})).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    const upTo = [];
    for await (const r of auditEventsInOrder(search, { toSeq: 20 }, 20, 7)) upTo.push(r.seq);
    expect(upTo).toHaveLength(20);
  });

  it('bounds a time range on recorded_at, half-open, through the seq it implies', async () => {
    const filter = { from: new Date(SEED_EPOCH + 100), to: new Date(SEED_EPOCH + 150) };
    expect(await seqs(filter)).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i));
    expect(await search.count(filter)).toBe(50);
    expect(await seqs({ from: new Date(SEED_EPOCH + 10_000) })).toEqual([]);
  });

  it('filters by agency as sender or recipient, type, dispatch, number and notation, state', async () => {
    const agency = SEEDED_AGENCIES[8];
    const byAgency = await search.page({
      filter: { agencyCode: agency },
      order: 'asc',
      limit: 1000,
    });
    expect(byAgency.length).toBeGreaterThan(0);
    expect(byAgency.every((r) => r.senderCode === agency || r.recipientCode === agency)).toBe(true);
    expect(await seqs({ dispatchId: seededDispatchId(3) })).toEqual([16, 17, 18, 19, 20]);
    expect(await seqs({ dispatchId: 'not-a-uuid' })).toEqual([]);
    expect(
      await seqs({ codeNumber: '3', codeNotation: 'CV-BENCH', eventTypes: ['dispatch.delivered'] }),
    ).toEqual([19]);
    // The actor exactly as recorded; quotes and SQL in it are a value, never a statement.
    expect(await seqs({ actor: 'CN=seeded agency system', toSeq: 20 })).toEqual([1, 6, 11, 16]);
    expect(await search.count({ actor: 'router' })).toBe(240);
    expect(await seqs({ actor: "router' OR '1'='1" })).toEqual([]);
    expect(await search.count({ dispatchState: 'routed' })).toBe(300);
    expect(await search.count({ dispatchState: 'rejected' })).toBe(0);
  });

  it('refuses a page size out of bounds', () => {
    expect(() => search.pageQuery({ filter: {}, order: 'desc', limit: 1001 })).toThrow(
      expect.objectContaining({ code: 'AUDIT_PAGE_LIMIT_INVALID' }),
    );
  });

  it('pages newest first without a repeat or a gap while new records are appended (after the counts: it appends)', async () => {
    const seen: number[] = [];
    let afterSeq: number | undefined;
    for (let page = 0; ; page++) {
      const records = await search.page({ filter: {}, afterSeq, order: 'desc', limit: 70 });
      if (records.length === 0) break;
      seen.push(...records.map((r) => r.seq));
      afterSeq = records[records.length - 1].seq;
      // Events keep arriving between an auditor's pages.
      if (page < 3) await seedAuditChain(dataSource, 25, { batchSize: 25 });
    }
    // The pages hold exactly the records there were at the first one, newest first.
    expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => 300 - i));
  });

  it('finds the directory and webhook changes of an agency by agency, which name it in their body', async () => {
    const agency = SEEDED_AGENCIES[8];
    const [{ head }] = await dataSource.query<{ head: string }[]>(
      'SELECT max(seq) AS head FROM audit_records',
    );
    const change = (offset: number, type: string, agencyCode: string): unknown[] => [
      Number(head) + offset,
      `change-${offset}`,
      type,
      new Date(SEED_EPOCH + 1_000_000 + offset),
      JSON.stringify({ body: { action: 'x', agencyCode }, meta: {} }),
    ];
    for (const values of [
      change(1, 'directory.changed', agency),
      change(2, 'webhook.changed', agency),
      change(3, 'directory.changed', SEEDED_AGENCIES[9]),
      // Another event type naming the agency in its body is not one of these changes.
      change(4, 'dispatch.refused', agency),
    ]) {
      // The search reads rows as stored; a valid chain is not what it is about.
      await dataSource.query(
        `INSERT INTO audit_records (seq, event_id, event_type, occurred_at, recorded_at, payload,
           payload_digest, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $4, $5, repeat('0', 64), repeat('0', 64), repeat('0', 64))`,
        values,
      );
    }
    const found = await search.page({
      filter: { agencyCode: agency, from: new Date(SEED_EPOCH + 1_000_000) },
      order: 'asc',
      limit: 100,
    });
    expect(found.map((r) => [r.seq - Number(head), r.eventType])).toEqual([
      [1, 'directory.changed'],
      [2, 'webhook.changed'],
    ]);
  });
});
