import type { DataSource } from 'typeorm';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import { canonicalJson } from '../chain/canonical-json';
import { GENESIS_PREV_HASH, recordHashOf, sha256Hex } from '../chain/audit-record-hash';

/** Agencies the seeded events move between (made-up codes of the 13-character shape). */
export const SEEDED_AGENCIES: readonly string[] = Array.from(
  { length: 60 },
  (_, i) => `000.00.${String(Math.floor(i / 10)).padStart(2, '0')}.H${String(10 + i).slice(-2)}`,
);

export const SEEDED_EVENT_TYPES = [
  'dispatch.submitted',
  'dispatch.verified',
  'dispatch.routed',
  'dispatch.delivered',
  'dispatch.fetched',
] as const;

export const SEED_EPOCH = Date.UTC(2026, 0, 1);

/** The dispatch id of seeded dispatch number `n` (five events each). */
export function seededDispatchId(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `0196f7a2-0000-7000-8000-${hex}`;
}

/**
 * Appends `count` events after the current head, hashed exactly as the appender hashes them, in
 * batches of one INSERT (unnest) each: fixtures for tamper tests and the 1M-record benchmark.
 * Event i (1-based over the whole chain) belongs to dispatch floor((i-1)/5), goes from agency
 * (d mod 60) to agency (d*7+1 mod 60), and is recorded i milliseconds after SEED_EPOCH.
 */
export async function seedAuditChain(
  dataSource: DataSource,
  count: number,
  options: { batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<{ seq: number; hash: string }> {
  const repository = new AuditRecordRepository(dataSource);
  const head = await repository.head();
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_PREV_HASH;
  const last = seq + count;
  const batchSize = options.batchSize ?? 10_000;
  while (seq < last) {
    const rows: Parameters<AuditRecordRepository['insertMany']>[1][number][] = [];
    for (let i = 0; i < batchSize && seq < last; i++) {
      seq += 1;
      const dispatch = Math.floor((seq - 1) / 5);
      const eventType = SEEDED_EVENT_TYPES[(seq - 1) % 5];
      const payloadJson = canonicalJson({ body: { dispatch, n: seq }, meta: { seeded: true } });
      const fields = {
        seq,
        eventId: `seed-${seq}`,
        eventType,
        occurredAt: new Date(SEED_EPOCH + seq),
        recordedAt: new Date(SEED_EPOCH + seq),
        dispatchId: seededDispatchId(dispatch),
        senderCode: SEEDED_AGENCIES[dispatch % 60],
        recipientCode:
          eventType === 'dispatch.delivered' || eventType === 'dispatch.fetched'
            ? SEEDED_AGENCIES[(dispatch * 7 + 1) % 60]
            : null,
        actor: eventType === 'dispatch.submitted' ? 'CN=seeded agency system' : 'router',
        payloadDigest: sha256Hex(payloadJson),
        prevHash,
      };
      const hash = recordHashOf(fields);
      rows.push({ ...fields, payloadJson, hash });
      prevHash = hash;
    }
    await repository.insertMany(dataSource.manager, rows);
    options.onProgress?.(seq - (head?.seq ?? 0));
  }
  return { seq, hash: prevHash };
}

/**
 * The agencies and the dispatches the seeded events refer to (number = dispatch index, notation
 * `CV-BENCH`), in one INSERT ... SELECT each, so searches by number and notation have rows to join.
 */
export async function seedDispatchesForChain(
  dataSource: DataSource,
  dispatchCount: number,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO agencies (code, name) SELECT code, 'Seeded agency ' || code FROM unnest($1::varchar[]) AS code
     ON CONFLICT DO NOTHING`,
    [SEEDED_AGENCIES],
  );
  await dataSource.query(
    `INSERT INTO dispatches (id, sender_code, request_digest, document_id, code_number, code_notation,
                             promulgation_year, subject, urgency, envelope, state, correlation_id, due_date,
                             verified_at)
     SELECT ('0196f7a2-0000-7000-8000-' || lpad(to_hex(d), 12, '0'))::uuid,
            ($1::varchar[])[d % 60 + 1], repeat('0', 64), 'seed-' || d, d::text, 'CV-BENCH', 2026,
            'Công văn số ' || d, 'normal', '{}'::jsonb, 'routed', 'seed-' || d,
            DATE '2026-01-01' + (d % 30), now()
       FROM generate_series(0, $2::int - 1) AS d
     ON CONFLICT DO NOTHING`,
    [SEEDED_AGENCIES, dispatchCount],
  );
}
