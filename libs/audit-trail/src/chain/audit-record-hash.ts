import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { AuditHashInputError } from './audit-hash-input.error';

/**
 * The definition of the audit chain's hashes. Auditors re-implement this in any language to
 * check a copy of `audit_records` on their own; changing it breaks every recorded chain, so the
 * unit tests pin it with fixed vectors.
 *
 * payload_digest = lowercase hex SHA-256 of the UTF-8 bytes of canonicalJson(payload)
 *   (canonical JSON as defined in canonical-json.ts: RFC 8785 / JCS, sorted keys, no whitespace).
 *
 * hash = lowercase hex SHA-256 of the UTF-8 bytes of canonicalJson of this object:
 *   {
 *     "v": "docaxis-audit-chain/1",      format version (domain separation)
 *     "seq": "<seq in decimal>",          a string, so a bigint never meets float rounding
 *     "event_id": "...",                  the columns, named as in the table
 *     "event_type": "...",
 *     "occurred_at": "YYYY-MM-DDTHH:mm:ss.sssZ",   UTC, always with milliseconds
 *     "recorded_at": "YYYY-MM-DDTHH:mm:ss.sssZ",
 *     "dispatch_id": "<lower-case uuid>" | null,
 *     "sender_code": "..." | null,
 *     "recipient_code": "..." | null,
 *     "actor": "..." | null,
 *     "payload_digest": "<64 hex>",
 *     "prev_hash": "<64 hex>"            the previous record's hash; 64 zeros for seq 1
 *   }
 * Canonical JSON makes the encoding unambiguous: every field is named and quoted, so no two
 * different records share a preimage (no field can absorb its neighbour), and null stays
 * distinct from "".
 */
export const AUDIT_CHAIN_FORMAT = 'docaxis-audit-chain/1';

/** prev_hash of the first record (seq 1). */
export const GENESIS_PREV_HASH = '0'.repeat(64);

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** The fields of a record that its hash covers. */
export interface AuditRecordHashFields {
  seq: number;
  eventId: string;
  eventType: string;
  occurredAt: Date;
  recordedAt: Date;
  dispatchId: string | null;
  senderCode: string | null;
  recipientCode: string | null;
  actor: string | null;
  payloadDigest: string;
  prevHash: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Digest of a payload; throws NonCanonicalJsonError when the payload is not plain JSON. */
export function payloadDigestOf(payload: unknown): string {
  return sha256Hex(canonicalJson(payload));
}

/** The exact string whose SHA-256 is the record's hash (exposed so auditors can see it). */
export function recordHashPreimage(fields: AuditRecordHashFields): string {
  if (!Number.isSafeInteger(fields.seq) || fields.seq < 1) {
    throw new AuditHashInputError('seq', `must be a positive integer, got ${fields.seq}`);
  }
  for (const name of ['payloadDigest', 'prevHash'] as const) {
    if (!HEX_SHA256.test(fields[name])) {
      throw new AuditHashInputError(name, 'must be 64 lower-case hex characters');
    }
  }
  return canonicalJson({
    v: AUDIT_CHAIN_FORMAT,
    seq: String(fields.seq),
    event_id: fields.eventId,
    event_type: fields.eventType,
    occurred_at: isoWithMilliseconds(fields.occurredAt, 'occurredAt'),
    recorded_at: isoWithMilliseconds(fields.recordedAt, 'recordedAt'),
    dispatch_id: fields.dispatchId,
    sender_code: fields.senderCode,
    recipient_code: fields.recipientCode,
    actor: fields.actor,
    payload_digest: fields.payloadDigest,
    prev_hash: fields.prevHash,
  });
}

export function recordHashOf(fields: AuditRecordHashFields): string {
  return sha256Hex(recordHashPreimage(fields));
}

function isoWithMilliseconds(date: Date, field: string): string {
  const time = date.getTime();
  // toISOString switches to a six-digit signed year outside 0000-9999: refuse those instants.
  if (Number.isNaN(time) || date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999) {
    throw new AuditHashInputError(field, 'must be a valid instant between years 0001 and 9999');
  }
  return date.toISOString();
}
