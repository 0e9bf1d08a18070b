import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { AuditChainVerifier } from '@docaxis/audit-trail/chain/audit-chain-verifier';
import {
  GENESIS_PREV_HASH,
  payloadDigestOf,
  recordHashOf,
} from '@docaxis/audit-trail/chain/audit-record-hash';
import { AuditAppender } from './audit-appender.service';
import { AuditBatcher } from './audit-batcher';
import type { AuditEventInput } from './audit-event-input';

const DISPATCH = '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d0e';

function event(
  id: string,
  payload: AuditEventInput['payload'] = { body: { id } },
): AuditEventInput {
  return {
    eventId: id,
    eventType: 'dispatch.delivered',
    occurredAt: new Date('2026-03-12T08:15:30.123Z'),
    dispatchId: DISPATCH,
    senderCode: '000.00.00.G22',
    recipientCode: '000.00.00.H41',
    actor: 'router',
    payload,
  };
}

/** The role the audit app runs as (AUDIT_DATABASE_ROLE): every append below goes through it. */
const WRITER_ROLE = 'docaxis_audit_writer';

async function openDataSource(
  url: string,
  poolSize = 4,
  role: string | undefined = WRITER_ROLE,
): Promise<DataSource> {
  const dataSource = new DataSource(
    dataSourceOptions({ url, poolSize, applicationName: 'audit-test', role }),
  );
  return dataSource.initialize();
}

describe('AuditAppender (real PostgreSQL)', () => {
  let url: string;
  let dataSource: DataSource;
  let repository: AuditRecordRepository;
  let appender: AuditAppender;

  beforeAll(async () => {
    url = await createTestDatabase('audit-append');
    dataSource = await openDataSource(url);
    repository = new AuditRecordRepository(dataSource);
    appender = new AuditAppender(dataSource, repository);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('appends a batch as consecutive, hash-linked records from the genesis hash', async () => {
    const result = await appender.append([event('a1'), event('a2'), event('a3')]);
    expect(result.outcomes.map((o) => (o.status === 'recorded' ? o.seq : o.status))).toEqual([
      1, 2, 3,
    ]);
    expect(result.recorded).toBe(3);

    const stored = await repository.pageFrom(1, 10);
    expect(stored.map((r) => r.eventId)).toEqual(['a1', 'a2', 'a3']);
    expect(stored[0].prevHash).toBe(GENESIS_PREV_HASH);
    expect(stored[1].prevHash).toBe(stored[0].hash);
    expect(stored[2].prevHash).toBe(stored[1].hash);
    // The stored record re-hashes to its hash: what was hashed is exactly what was stored.
    for (const record of stored) {
      expect(payloadDigestOf(record.payload)).toBe(record.payloadDigest);
      expect(recordHashOf(record)).toBe(record.hash);
    }
    expect(result.head).toEqual({ seq: 3, hash: stored[2].hash });
    expect(new Set(stored.map((r) => r.recordedAt.getTime())).size).toBe(1); // one transaction
  });

  it('records a redelivered event once, and a repeat within one call once', async () => {
    const result = await appender.append([event('a2'), event('b1'), event('b1'), event('a3')]);
    expect(result.outcomes).toEqual([
      { eventId: 'a2', status: 'duplicate' },
      {
        eventId: 'b1',
        status: 'recorded',
        seq: 4,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
      },
      { eventId: 'b1', status: 'recorded', seq: 4, hash: result.head?.hash },
      { eventId: 'a3', status: 'duplicate' },
    ]);
    expect(result.recorded).toBe(1);
    const onlyDuplicates = await appender.append([event('b1')]);
    expect(onlyDuplicates).toEqual({
      outcomes: [{ eventId: 'b1', status: 'duplicate' }],
      recorded: 0,
      head: result.head,
    });
  });

  it('stores payloads so that they re-hash identically (numbers, Unicode, nesting, key order)', async () => {
    const payload = {
      body: {
        numbers: [0.1, 1e21, 1e-7, -0, Number('9007199254740993'), 123456.789, -5e-324],
        text: 'Đồng Tháp \u2028 \u{1f600} "quoted" \\ back\tslash',
        nested: { z: { y: [{}, [], null] }, a: true, '': 'empty key' },
      },
      meta: { routingKey: 'dispatch.delivered' },
    };
    const result = await appender.append([event('p1', payload)]);
    const seq = result.outcomes[0].status === 'recorded' ? result.outcomes[0].seq : -1;
    const [stored] = await repository.pageFrom(seq, 1);
    expect(stored.eventId).toBe('p1');
    expect(payloadDigestOf(stored.payload)).toBe(stored.payloadDigest);
    expect(stored.payloadDigest).toBe(payloadDigestOf(payload));
  });

  it('refuses an invalid event before writing anything', async () => {
    const before = await repository.head();
    const invalid = [
      { ...event('c1'), dispatchId: DISPATCH.toUpperCase() },
      { ...event('c1'), senderCode: 'X'.repeat(36) },
      { ...event('c1'), eventId: 'e'.repeat(65) },
      { ...event('c1'), actor: 'nul\u0000' },
      // An empty actor would read back as null from a CSV export (empty cell = null) and no
      // longer re-hash; nobody acts as "": the mapper records it as null (ACTOR_INVALID).
      { ...event('c1'), actor: '' },
      { ...event('c1'), actor: 'a'.repeat(1025) },
      { ...event('c1'), payload: { body: 'nul\u0000' } },
      { ...event('c1'), occurredAt: new Date(Number.NaN) },
    ];
    for (const bad of invalid) {
      await expect(appender.append([event('c0'), bad])).rejects.toMatchObject({
        code: 'AUDIT_EVENT_INVALID',
      });
    }
    await expect(
      appender.append([{ ...event('c1'), payload: { body: { when: new Date() } } as never }]),
    ).rejects.toMatchObject({ code: 'AUDIT_NON_CANONICAL_JSON' });
    expect(await repository.head()).toEqual(before);
  });

  it('keeps a literal backslash-u-0000 text, which is not a NUL', async () => {
    const result = await appender.append([event('c2', { body: { text: 'C:\\u0000' } })]);
    expect(result.recorded).toBe(1);
  });

  it('runs as the writer role, which may INSERT and SELECT the audit tables and nothing else', async () => {
    const [{ role }] = await dataSource.query<Array<{ role: string }>>(
      'SELECT current_user AS role',
    );
    expect(role).toBe(WRITER_ROLE);
    // Refused by privileges before any trigger runs: the role holds no UPDATE/DELETE/TRUNCATE.
    for (const statement of [
      `UPDATE audit_records SET actor = 'forger' WHERE seq = 1`,
      `DELETE FROM audit_records WHERE seq = 1`,
      `TRUNCATE audit_records`,
      `UPDATE audit_checkpoints SET head_hash = repeat('0', 64)`,
      `DELETE FROM audit_checkpoints`,
      `SELECT count(*) FROM dispatches`,
      `INSERT INTO agencies (code, name) VALUES ('000.00.00.X99', 'x')`,
    ]) {
      await expect(dataSource.query(statement)).rejects.toThrow(/permission denied/);
    }
    expect((await repository.pageFrom(1, 1))[0]).toMatchObject({ seq: 1, eventId: 'a1' });
  });

  it('refuses a role name that is not a plain identifier', () => {
    expect(() => dataSourceOptions({ url, role: 'x; DROP TABLE y' })).toThrow(
      expect.objectContaining({ code: 'DATABASE_ROLE_NAME_INVALID' }),
    );
  });
});

describe('AuditAppender under concurrent writers (several audit instances)', () => {
  const INSTANCES = 4;
  const EVENTS_PER_INSTANCE = 500;
  let url: string;
  let dataSources: DataSource[];

  beforeAll(async () => {
    url = await createTestDatabase('audit-concurrent');
    dataSources = await Promise.all(
      Array.from({ length: INSTANCES }, () => openDataSource(url, 3)),
    );
  });

  afterAll(async () => {
    await Promise.all(dataSources.map((ds) => ds.destroy()));
  });

  it('4 appenders × 500 events → seqs 1..2000, no gap, one valid chain', async () => {
    await Promise.all(
      dataSources.map(async (ds, instance) => {
        const appender = new AuditAppender(ds, new AuditRecordRepository(ds));
        for (let batch = 0; batch < EVENTS_PER_INSTANCE / 25; batch++) {
          const events = Array.from({ length: 25 }, (_, i) =>
            event(`i${instance}-${batch * 25 + i}`, { body: { instance, n: batch * 25 + i } }),
          );
          // Two concurrent calls per instance too, to interleave within an instance as well.
          await Promise.all([
            appender.append(events.slice(0, 12)),
            appender.append(events.slice(12)),
          ]);
        }
      }),
    );

    const [stats] = await dataSources[0].query<
      Array<{ count: number; min: number; max: number; ids: number; monotonic: boolean }>
    >(
      `SELECT count(*)::int AS count, min(seq)::int AS min, max(seq)::int AS max,
              count(DISTINCT event_id)::int AS ids,
              bool_and(recorded_at >= coalesce(prev_recorded_at, recorded_at)) AS monotonic
         FROM (SELECT seq, event_id, recorded_at,
                      lag(recorded_at) OVER (ORDER BY seq) AS prev_recorded_at
                 FROM audit_records) AS chain`,
    );
    expect(stats).toEqual({ count: 2000, min: 1, max: 2000, ids: 2000, monotonic: true });

    const verification = await new AuditChainVerifier(
      new AuditRecordRepository(dataSources[0]),
    ).verify();
    expect(verification).toMatchObject({ ok: true, recordsChecked: 2000, head: { seq: 2000 } });
  });

  it('records an event delivered to two instances at once exactly once', async () => {
    const events = Array.from({ length: 100 }, (_, i) => event(`twice-${i}`));
    const [first, second] = await Promise.all(
      dataSources
        .slice(0, 2)
        .map((ds) => new AuditAppender(ds, new AuditRecordRepository(ds)).append(events)),
    );
    expect(first.recorded + second.recorded).toBe(100);
    for (let i = 0; i < 100; i++) {
      const statuses = [first.outcomes[i].status, second.outcomes[i].status].sort();
      expect(statuses).toEqual(['duplicate', 'recorded']);
    }
    const verification = await new AuditChainVerifier(
      new AuditRecordRepository(dataSources[0]),
    ).verify();
    expect(verification).toMatchObject({ ok: true, recordsChecked: 2100 });
  });

  it('batches concurrently submitted events into few transactions and settles each after commit', async () => {
    const ds = dataSources[2];
    const appender = new AuditAppender(ds, new AuditRecordRepository(ds));
    const append = jest.spyOn(appender, 'append');
    const batcher = new AuditBatcher(appender, { maxEvents: 500, maxWaitMs: 20 });
    const outcomes = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => batcher.submit(event(`batched-${i}`))),
    );
    expect(outcomes.every((o) => o.status === 'recorded')).toBe(true);
    expect(append.mock.calls.length).toBeLessThanOrEqual(3);
    expect(Math.max(...append.mock.calls.map(([events]) => events.length))).toBe(500);
    const seqs = outcomes.map((o) => (o.status === 'recorded' ? o.seq : 0));
    expect(seqs).toEqual(Array.from({ length: 1000 }, (_, i) => 2101 + i));
    await batcher.stop();
  });
});
