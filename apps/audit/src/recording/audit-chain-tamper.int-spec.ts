import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import {
  AuditRecordRepository,
  type AuditChainPageRequest,
} from '@docaxis/persistence/audit/audit-record.repository';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { AuditAppender } from './audit-appender.service';
import type { AuditEventInput } from './audit-event-input';
import {
  AuditChainVerifier,
  type AuditChainReader,
} from '@docaxis/audit-trail/chain/audit-chain-verifier';
import { payloadDigestOf, recordHashOf } from '@docaxis/audit-trail/chain/audit-record-hash';

const DISPATCHES = [
  '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d00',
  '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d01',
  '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d02',
];
const TYPES = ['dispatch.submitted', 'dispatch.verified', 'dispatch.routed', 'dispatch.delivered'];
const CHAIN_LENGTH = 50;
/** Small pages, so that the tampered records sit on and across page boundaries. */
const PAGE_SIZE = 8;

const COLUMNS =
  'seq, event_id, event_type, occurred_at, recorded_at, dispatch_id, sender_code, recipient_code, actor, payload, payload_digest, prev_hash, hash';

function event(n: number): AuditEventInput {
  return {
    eventId: `event-${n}`,
    eventType: TYPES[n % TYPES.length],
    occurredAt: new Date(Date.UTC(2026, 2, 12, 8, 0, 0, n)),
    dispatchId: DISPATCHES[n % DISPATCHES.length],
    senderCode: '000.00.00.G22',
    recipientCode: n % 2 ? '000.00.00.H41' : null,
    actor: n % 3 ? 'router' : 'CN=Văn phòng Chính phủ TEST, OU=000.00.00.G22',
    payload: {
      body: { n, subject: `Công văn số ${n}` },
      meta: { routingKey: TYPES[n % TYPES.length] },
    },
  };
}

interface Chain {
  url: string;
  dataSource: DataSource;
  repository: AuditRecordRepository;
  verifier: AuditChainVerifier;
  /** Runs statements as the superuser with the append-only triggers off for that transaction. */
  tamper(...statements: string[]): Promise<void>;
}

const opened: DataSource[] = [];

async function freshChain(label: string, length = CHAIN_LENGTH): Promise<Chain> {
  const url = await createTestDatabase(label);
  const dataSource = await new DataSource(dataSourceOptions({ url, poolSize: 2 })).initialize();
  opened.push(dataSource);
  const repository = new AuditRecordRepository(dataSource);
  const appender = new AuditAppender(dataSource, repository);
  for (let start = 1; start <= length; start += 500) {
    const size = Math.min(500, length - start + 1);
    await appender.append(Array.from({ length: size }, (_, i) => event(start + i)));
  }
  return {
    url,
    dataSource,
    repository,
    verifier: new AuditChainVerifier(repository, { pageSize: PAGE_SIZE }),
    tamper: async (...statements) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query('SET LOCAL session_replication_role = replica');
        for (const statement of statements) await client.query(statement);
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
    },
  };
}

afterAll(async () => {
  await Promise.all(opened.map((ds) => ds.destroy()));
});

async function recordAt(chain: Chain, seq: number) {
  const [record] = await chain.repository.pageFrom(seq, 1);
  expect(record.seq).toBe(seq);
  return record;
}

describe('AuditChainVerifier (real PostgreSQL, tampering as the superuser)', () => {
  it('verifies a clean chain and reports its head', async () => {
    const chain = await freshChain('verify-clean');
    const head = await chain.repository.head();
    expect(await chain.verifier.verify()).toEqual({
      ok: true,
      recordsChecked: CHAIN_LENGTH,
      fromSeq: 1,
      head,
    });
    expect(await chain.verifier.verify({ anchor: head! })).toMatchObject({ ok: true });
  });

  it('the triggers really do refuse changes without the superuser bypass', async () => {
    const chain = await freshChain('verify-trigger', 3);
    const client = new Client({ connectionString: chain.url });
    await client.connect();
    try {
      await expect(client.query(`DELETE FROM audit_records WHERE seq = 2`)).rejects.toThrow(
        /append-only: DELETE refused/,
      );
    } finally {
      await client.end();
    }
    expect(await chain.verifier.verify()).toMatchObject({ ok: true, recordsChecked: 3 });
  });

  it('pinpoints an altered payload (digest no longer matches)', async () => {
    const chain = await freshChain('verify-payload');
    const original = await recordAt(chain, 17);
    await chain.tamper(
      `UPDATE audit_records SET payload = jsonb_set(payload, '{body,subject}', '"Quyết định giả"') WHERE seq = 17`,
    );
    const altered = await recordAt(chain, 17);
    expect(await chain.verifier.verify()).toEqual({
      ok: false,
      seq: 17,
      problem: 'ALTERED',
      expected: original.payloadDigest,
      actual: payloadDigestOf(altered.payload),
      message:
        'The payload of record 17 changed after it was recorded: its digest no longer matches.',
      explanation: { kind: 'payload-altered', seq: 17 },
      recordsChecked: 16,
    });
  });

  it('pinpoints an altered column (own hash no longer matches)', async () => {
    const chain = await freshChain('verify-column');
    const original = await recordAt(chain, 23);
    await chain.tamper(`UPDATE audit_records SET recipient_code = '000.00.00.H14' WHERE seq = 23`);
    const result = await chain.verifier.verify();
    expect(result).toMatchObject({
      ok: false,
      seq: 23,
      problem: 'ALTERED',
      expected: original.hash,
      explanation: { kind: 'record-altered', seq: 23 },
    });
    expect(result.ok === false && result.actual).toBe(
      recordHashOf({ ...original, recipientCode: '000.00.00.H14' }),
    );
  });

  it('pinpoints an alteration whose record was hashed anew: the next link breaks', async () => {
    const chain = await freshChain('verify-rehash');
    const original = await recordAt(chain, 17);
    const payload = { ...original.payload, body: { n: 17, subject: 'forged' } };
    const payloadDigest = payloadDigestOf(payload);
    const hash = recordHashOf({ ...original, payloadDigest });
    await chain.tamper(
      `UPDATE audit_records SET payload = '${JSON.stringify(payload)}', payload_digest = '${payloadDigest}', hash = '${hash}' WHERE seq = 17`,
    );
    expect(await chain.verifier.verify()).toMatchObject({
      ok: false,
      seq: 18,
      problem: 'BROKEN_LINK',
      expected: hash,
      actual: original.hash,
      explanation: { kind: 'link-broken', seq: 18, previousSeq: 17 },
      recordsChecked: 17,
    });
  });

  it('pinpoints a deleted record (seq gap)', async () => {
    const chain = await freshChain('verify-delete');
    await chain.tamper(`DELETE FROM audit_records WHERE seq = 30`);
    expect(await chain.verifier.verify()).toMatchObject({
      ok: false,
      seq: 30,
      problem: 'DELETED',
      expected: 'seq 30',
      actual: 'seq 31',
      explanation: { kind: 'records-missing', fromSeq: 30, toSeq: 30, previousSeq: 29, seq: 31 },
      recordsChecked: 29,
    });
  });

  it('pinpoints a deletion hidden by renumbering the later records down', async () => {
    const chain = await freshChain('verify-delete-renum');
    await chain.tamper(
      `DELETE FROM audit_records WHERE seq = 30`,
      `UPDATE audit_records SET seq = -seq WHERE seq > 30`,
      `UPDATE audit_records SET seq = -seq - 1 WHERE seq < 0`,
    );
    expect(await chain.verifier.verify()).toMatchObject({
      ok: false,
      seq: 30,
      problem: 'DELETED',
      expected: 'seq 30',
      actual: 'seq 31',
      explanation: { kind: 'renumbered-down', seq: 30, recordedAs: 31 },
    });
  });

  it('pinpoints the first record deleted', async () => {
    const chain = await freshChain('verify-delete-first');
    await chain.tamper(`DELETE FROM audit_records WHERE seq = 1`);
    expect(await chain.verifier.verify()).toMatchObject({ ok: false, seq: 1, problem: 'DELETED' });
  });

  it('cannot see a cut-off tail by itself, and can with an anchor', async () => {
    const chain = await freshChain('verify-tail');
    const anchor = (await chain.repository.head())!;
    await chain.tamper(`DELETE FROM audit_records WHERE seq > 45`);
    expect(await chain.verifier.verify()).toMatchObject({ ok: true, head: { seq: 45 } });
    expect(await chain.verifier.verify({ anchor })).toMatchObject({
      ok: false,
      seq: 46,
      problem: 'DELETED',
      expected: 'records up to seq 50 (anchor)',
      actual: 'head at seq 45',
      explanation: { kind: 'tail-cut-after-anchor', anchorSeq: 50, headSeq: 45 },
    });
  });

  it('pinpoints a forged record slipped in by renumbering the later ones up', async () => {
    const chain = await freshChain('verify-insert');
    const before = await recordAt(chain, 19);
    const displaced = await recordAt(chain, 20);
    await chain.tamper(
      `UPDATE audit_records SET seq = -seq WHERE seq >= 20`,
      `UPDATE audit_records SET seq = -seq + 1 WHERE seq < 0`,
    );
    // The forger knows the algorithm: the forged record is self-consistent and links to seq 19.
    const forged = forge(20, 'forged-1', displaced.recordedAt, before.hash);
    await chain.tamper(insertSql(forged));
    const result = await chain.verifier.verify();
    expect(result).toMatchObject({
      ok: false,
      seq: 20,
      problem: 'INSERTED',
      expected: `hash ${displaced.hash} (the record recorded as seq 20)`,
      actual: `hash ${forged.hash}`,
      explanation: { kind: 'slipped-in', seq: 20, genuineNowAt: 21 },
    });
  });

  it('pinpoints a forged record appended with a number the appender never gives', async () => {
    const chain = await freshChain('verify-insert-gap');
    const head = (await chain.repository.head())!;
    await chain.tamper(insertSql(forge(55, 'forged-2', new Date(), head.hash)));
    expect(await chain.verifier.verify()).toMatchObject({
      ok: false,
      seq: 55,
      problem: 'INSERTED',
      expected: 'seq 51',
      actual: 'seq 55',
      explanation: { kind: 'numbers-skipped', seq: 55, previousSeq: 50 },
    });
  });

  it('pinpoints a second record with an existing seq (primary key dropped)', async () => {
    const chain = await freshChain('verify-insert-dup');
    await chain.tamper(
      `ALTER TABLE audit_records DROP CONSTRAINT "PK_849d46c77cbd8a25c1e3cb456ff"`,
      `INSERT INTO audit_records (${COLUMNS})
         SELECT seq, 'forged-3', event_type, occurred_at, recorded_at, dispatch_id, sender_code,
                recipient_code, actor, payload, payload_digest, prev_hash, hash
           FROM audit_records WHERE seq = 33`,
    );
    expect(await chain.verifier.verify()).toMatchObject({
      ok: false,
      seq: 33,
      problem: 'INSERTED',
      actual: 'a second record at seq 33 (event_id forged-3)',
      message: expect.stringContaining('event_ids event-33 and forged-3') as unknown,
      explanation: { kind: 'duplicate-seq', seq: 33, eventIds: ['event-33', 'forged-3'] },
    });
  });

  it('pinpoints two records swapped (contents moved, numbering kept)', async () => {
    const chain = await freshChain('verify-swap');
    await chain.tamper(...swap(12, 40));
    expect(await chain.verifier.verify()).toMatchObject({
      ok: false,
      seq: 12,
      problem: 'REORDERED',
      expected: 'seq 12',
      actual: 'seq 40',
      explanation: { kind: 'record-moved', seq: 12, recordedAs: 40 },
      recordsChecked: 11,
    });
  });

  it('pinpoints two neighbours swapped', async () => {
    const chain = await freshChain('verify-swap-next');
    await chain.tamper(...swap(25, 26));
    expect(await chain.verifier.verify()).toMatchObject({
      ok: false,
      seq: 25,
      problem: 'REORDERED',
      expected: 'seq 25',
      actual: 'seq 26',
      message: expect.stringContaining('now sits at seq 26') as unknown,
      explanation: { kind: 'records-swapped', seq: 25, recordedAs: 26, originalNowAt: 26 },
    });
  });

  it('reports payloads swapped without their hashes as altered', async () => {
    const chain = await freshChain('verify-swap-payload');
    await chain.tamper(
      `CREATE TEMP TABLE pair AS SELECT seq, payload, payload_digest FROM audit_records WHERE seq IN (8, 9)`,
      `UPDATE audit_records a SET payload = p.payload, payload_digest = p.payload_digest
         FROM pair p WHERE p.seq = CASE a.seq WHEN 8 THEN 9 WHEN 9 THEN 8 END`,
    );
    expect(await chain.verifier.verify()).toMatchObject({ ok: false, seq: 8, problem: 'ALTERED' });
  });

  it('detects a whole suffix rewritten and hashed anew only against an anchor', async () => {
    const chain = await freshChain('verify-rewrite');
    const anchor = (await chain.repository.head())!;
    const records = await chain.repository.pageFrom(10, 100);
    let prevHash = records[0].prevHash;
    const statements: string[] = [];
    for (const record of records) {
      const payload = { ...record.payload, rewritten: true };
      const payloadDigest = payloadDigestOf(payload);
      const hash = recordHashOf({ ...record, payloadDigest, prevHash });
      statements.push(
        `UPDATE audit_records SET payload = '${JSON.stringify(payload)}', payload_digest = '${payloadDigest}',
           prev_hash = '${prevHash}', hash = '${hash}' WHERE seq = ${record.seq}`,
      );
      prevHash = hash;
    }
    await chain.tamper(...statements);
    expect(await chain.verifier.verify()).toMatchObject({ ok: true, recordsChecked: 50 });
    expect(await chain.verifier.verify({ anchor })).toMatchObject({
      ok: false,
      seq: 50,
      problem: 'ALTERED',
      expected: anchor.hash,
      actual: prevHash,
      explanation: { kind: 'anchor-rewritten', seq: 50 },
    });
  });

  it('verifies a range from the stored prev_hash of its first record', async () => {
    const chain = await freshChain('verify-range');
    const at30 = await recordAt(chain, 30);
    await chain.tamper(`UPDATE audit_records SET actor = 'someone else' WHERE seq = 17`);
    expect(await chain.verifier.verify({ fromSeq: 20, toSeq: 30 })).toEqual({
      ok: true,
      recordsChecked: 11,
      fromSeq: 20,
      head: { seq: 30, hash: at30.hash },
    });
    expect(await chain.verifier.verify({ fromSeq: 10, toSeq: 30 })).toMatchObject({
      ok: false,
      seq: 17,
      problem: 'ALTERED',
      recordsChecked: 7,
    });
    await chain.tamper(`DELETE FROM audit_records WHERE seq = 20`);
    expect(await chain.verifier.verify({ fromSeq: 20, toSeq: 30 })).toMatchObject({
      ok: false,
      seq: 20,
      problem: 'DELETED',
    });
    await chain.tamper(`DELETE FROM audit_records WHERE seq = 35`);
    expect(await chain.verifier.verify({ fromSeq: 21, toSeq: 35 })).toMatchObject({
      ok: false,
      seq: 35,
      problem: 'DELETED',
      actual: 'last record at seq 34',
      explanation: { kind: 'range-end-missing', fromSeq: 35, toSeq: 35 },
    });
  });

  it('refuses a range that describes no records', async () => {
    const chain = await freshChain('verify-bad-range', 5);
    for (const request of [
      { fromSeq: 0 },
      { fromSeq: 6 },
      { fromSeq: 3, toSeq: 2 },
      { toSeq: 3, anchor: { seq: 4, hash: 'x' } },
    ]) {
      await expect(chain.verifier.verify(request)).rejects.toMatchObject({
        code: 'AUDIT_VERIFY_REQUEST_INVALID',
      });
    }
  });

  it('verifies an empty chain, unless an anchor proves it held records', async () => {
    const url = await createTestDatabase('verify-empty');
    const dataSource = await new DataSource(dataSourceOptions({ url, poolSize: 1 })).initialize();
    opened.push(dataSource);
    const verifier = new AuditChainVerifier(new AuditRecordRepository(dataSource));
    expect(await verifier.verify()).toEqual({
      ok: true,
      recordsChecked: 0,
      fromSeq: 1,
      head: null,
    });
    expect(await verifier.verify({ anchor: { seq: 3, hash: 'a'.repeat(64) } })).toMatchObject({
      ok: false,
      seq: 1,
      problem: 'DELETED',
      explanation: { kind: 'anchored-chain-empty', anchorSeq: 3 },
    });
  });
});

describe('AuditChainVerifier on 20,000 records', () => {
  it('streams the chain in keyset pages of its page size, never more in memory', async () => {
    const chain = await freshChain('verify-20k', 20_000);
    const requests: AuditChainPageRequest[] = [];
    const pageLengths: number[] = [];
    const reader: AuditChainReader = {
      head: () => chain.repository.head(),
      seqsWithHash: (hash, limit) => chain.repository.seqsWithHash(hash, limit),
      chainPage: async (request) => {
        requests.push(request);
        const page = await chain.repository.chainPage(request);
        pageLengths.push(page.length);
        return page;
      },
    };
    const verifier = new AuditChainVerifier(reader, { pageSize: 1000 });
    const result = await verifier.verify();

    expect(result).toMatchObject({ ok: true, recordsChecked: 20_000, head: { seq: 20_000 } });
    expect(requests.every((request) => request.limit === 1000)).toBe(true);
    expect(Math.max(...pageLengths)).toBe(1000);
    // 20 full pages, then one empty page that ends the walk; each page starts after the last.
    expect(pageLengths).toEqual([...Array<number>(20).fill(1000), 0]);
    expect(requests.map((request) => request.after?.seq ?? 0)).toEqual(
      Array.from({ length: 21 }, (_, i) => i * 1000),
    );
  });
});

/** A record made by someone who knows the hash definition: consistent in itself. */
function forge(seq: number, eventId: string, recordedAt: Date, prevHash: string) {
  const { payload, ...fields } = { ...event(999), eventId, seq, recordedAt, prevHash };
  const payloadDigest = payloadDigestOf(payload);
  return { ...fields, payload, payloadDigest, hash: recordHashOf({ ...fields, payloadDigest }) };
}

function insertSql(record: ReturnType<typeof forge>): string {
  const literal = (value: string | null) =>
    value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`;
  return `INSERT INTO audit_records (${COLUMNS}) VALUES (${record.seq}, ${[
    record.eventId,
    record.eventType,
    record.occurredAt.toISOString(),
    record.recordedAt.toISOString(),
    record.dispatchId,
    record.senderCode,
    record.recipientCode,
    record.actor,
    JSON.stringify(record.payload),
    record.payloadDigest,
    record.prevHash,
    record.hash,
  ]
    .map(literal)
    .join(', ')})`;
}

/** Moves record a's contents to seq b and b's to a (everything but seq travels). */
function swap(a: number, b: number): string[] {
  return [
    `CREATE TEMP TABLE pair AS SELECT * FROM audit_records WHERE seq IN (${a}, ${b})`,
    `DELETE FROM audit_records WHERE seq IN (${a}, ${b})`,
    `INSERT INTO audit_records (${COLUMNS})
       SELECT CASE seq WHEN ${a} THEN ${b} ELSE ${a} END, event_id, event_type, occurred_at, recorded_at,
              dispatch_id, sender_code, recipient_code, actor, payload, payload_digest, prev_hash, hash
         FROM pair`,
  ];
}
