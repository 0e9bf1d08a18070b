import {
  AUDIT_CHAIN_FORMAT,
  GENESIS_PREV_HASH,
  payloadDigestOf,
  recordHashOf,
  recordHashPreimage,
  type AuditRecordHashFields,
} from './audit-record-hash';
import { AuditHashInputError } from './audit-hash-input.error';

// Fixed vectors, computed independently (Python: json.dumps(sort_keys=True, separators=(',', ':'),
// ensure_ascii=False) and hashlib.sha256). If one of these fails, the chain definition changed and
// every chain already recorded would stop verifying: do not "update the vector", version the format.
const PAYLOAD = {
  body: {
    dispatchId: '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d0e',
    senderCode: '000.00.00.G22',
    recipientCodes: ['000.00.00.H41', '000.00.14.H20'],
    subject: 'Về việc triển khai Quyết định 942/QĐ-TTg',
    count: 3,
    ok: true,
    none: null,
    ratio: 0.5,
  },
  meta: { correlationId: 'c-1' },
};
const PAYLOAD_DIGEST = 'cea26a8ad252f12b7c1265b74b7f7ec53ac63846c2e694b8e128b3c85aa4f8ed';
const EMPTY_PAYLOAD_DIGEST = '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';

const FIRST: AuditRecordHashFields = {
  seq: 1,
  eventId: '0196f7a2-0000-7000-8000-000000000001',
  eventType: 'dispatch.submitted',
  occurredAt: new Date('2026-03-12T08:15:30.123Z'),
  recordedAt: new Date('2026-03-12T08:15:30.456Z'),
  dispatchId: '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d0e',
  senderCode: '000.00.00.G22',
  recipientCode: null,
  actor: 'CN=Văn phòng Chính phủ TEST, OU=000.00.00.G22',
  payloadDigest: PAYLOAD_DIGEST,
  prevHash: GENESIS_PREV_HASH,
};
const FIRST_HASH = '418f150d70fcee13083cf9a263408a0ea0e67f249f93800917f5d0bf643a8097';

const SECOND: AuditRecordHashFields = {
  ...FIRST,
  seq: 2,
  eventId: '0196f7a2-0000-7000-8000-000000000002',
  eventType: 'dispatch.verified',
  occurredAt: new Date('2026-03-12T08:15:31.000Z'),
  recordedAt: new Date('2026-03-12T08:15:31.007Z'),
  recipientCode: '000.00.00.H41',
  actor: 'verifier',
  payloadDigest: EMPTY_PAYLOAD_DIGEST,
  prevHash: FIRST_HASH,
};
const SECOND_HASH = '4a33e4cbba4190f188671b5c6a5deadeded397fa3891f02b1bec164f86e1a00f';

describe('audit record hash (fixed vectors)', () => {
  it('digests the canonical JSON of the payload', () => {
    expect(payloadDigestOf(PAYLOAD)).toBe(PAYLOAD_DIGEST);
    expect(payloadDigestOf({})).toBe(EMPTY_PAYLOAD_DIGEST);
  });

  it('ignores key order and survives a JSON round trip (as jsonb gives the payload back)', () => {
    const reordered = { meta: PAYLOAD.meta, body: { ...PAYLOAD.body } };
    expect(payloadDigestOf(reordered)).toBe(PAYLOAD_DIGEST);
    expect(payloadDigestOf(JSON.parse(JSON.stringify(PAYLOAD)))).toBe(PAYLOAD_DIGEST);
  });

  it('hashes the documented preimage', () => {
    expect(recordHashPreimage(FIRST)).toBe(
      '{"actor":"CN=Văn phòng Chính phủ TEST, OU=000.00.00.G22",' +
        '"dispatch_id":"0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d0e",' +
        '"event_id":"0196f7a2-0000-7000-8000-000000000001","event_type":"dispatch.submitted",' +
        '"occurred_at":"2026-03-12T08:15:30.123Z",' +
        `"payload_digest":"${PAYLOAD_DIGEST}","prev_hash":"${GENESIS_PREV_HASH}",` +
        '"recipient_code":null,"recorded_at":"2026-03-12T08:15:30.456Z",' +
        `"sender_code":"000.00.00.G22","seq":"1","v":"${AUDIT_CHAIN_FORMAT}"}`,
    );
    expect(recordHashOf(FIRST)).toBe(FIRST_HASH);
  });

  it('chains: the second vector links to the first', () => {
    expect(recordHashOf(SECOND)).toBe(SECOND_HASH);
  });

  it('changes when any covered field changes, including null versus empty string', () => {
    const variants: AuditRecordHashFields[] = [
      { ...FIRST, seq: 2 },
      { ...FIRST, eventId: FIRST.eventId.replace(/1$/, '9') },
      { ...FIRST, eventType: 'dispatch.verified' },
      { ...FIRST, occurredAt: new Date(FIRST.occurredAt.getTime() + 1) },
      { ...FIRST, recordedAt: new Date(FIRST.recordedAt.getTime() + 1) },
      { ...FIRST, dispatchId: null },
      { ...FIRST, senderCode: '000.00.00.G23' },
      { ...FIRST, recipientCode: '' },
      { ...FIRST, actor: null },
      { ...FIRST, payloadDigest: EMPTY_PAYLOAD_DIGEST },
      { ...FIRST, prevHash: SECOND_HASH },
    ];
    const hashes = new Set(variants.map((variant) => recordHashOf(variant)));
    expect(hashes.size).toBe(variants.length);
    expect(hashes.has(FIRST_HASH)).toBe(false);
  });

  it('refuses fields that have no single encoding', () => {
    const refused: Array<[Partial<AuditRecordHashFields>, string]> = [
      [{ seq: 0 }, 'seq'],
      [{ seq: 1.5 }, 'seq'],
      [{ seq: 2 ** 53 }, 'seq'],
      [{ prevHash: GENESIS_PREV_HASH.toUpperCase().replace(/0$/, 'A') }, 'prevHash'],
      [{ payloadDigest: 'abc' }, 'payloadDigest'],
      [{ occurredAt: new Date(Number.NaN) }, 'occurredAt'],
      [{ recordedAt: new Date('+010000-01-01T00:00:00Z') }, 'recordedAt'],
    ];
    for (const [change, field] of refused) {
      expect(() => recordHashOf({ ...FIRST, ...change })).toThrow(AuditHashInputError);
      try {
        recordHashOf({ ...FIRST, ...change });
      } catch (error) {
        expect((error as AuditHashInputError).code).toBe('AUDIT_HASH_INPUT_INVALID');
        expect((error as AuditHashInputError).field).toBe(field);
      }
    }
  });
});
