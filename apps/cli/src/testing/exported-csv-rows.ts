import { payloadDigestOf, recordHashOf } from '@docaxis/audit-trail/chain/audit-record-hash';

/** Rows of an exported CSV as arrays, header first. */
export type Rows = string[][];

/** Columns of the exported CSV that specs tamper with. */
export const COL = {
  seq: 0,
  eventType: 2,
  occurredAt: 3,
  actor: 8,
  payload: 9,
  digest: 10,
  prev: 11,
  hash: 12,
};

/** Re-hashes the row as a forger with the hashing code would (the payload digest too). */
export function rehashed(row: string[], prevHash: string): string[] {
  const out = [...row];
  out[COL.digest] = payloadDigestOf(JSON.parse(out[COL.payload]));
  out[COL.prev] = prevHash;
  out[COL.hash] = recordHashOf({
    seq: Number(out[COL.seq]),
    eventId: out[1],
    eventType: out[COL.eventType],
    occurredAt: new Date(out[COL.occurredAt]),
    recordedAt: new Date(out[4]),
    dispatchId: out[5] || null,
    senderCode: out[6] || null,
    recipientCode: out[7] || null,
    actor: out[COL.actor] || null,
    payloadDigest: out[COL.digest],
    prevHash,
  });
  return out;
}
