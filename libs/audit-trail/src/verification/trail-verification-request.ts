import type { AuditChainHead } from '@docaxis/persistence/audit/audit-record.repository';

/**
 * Where a verification starts, as `/audit/verify`, `/audit/export` and `docaxis audit` take it:
 * the latest signed checkpoint (the default), the one whose head is `checkpointSeq`, genesis (the
 * full walk) or a record number (a range, trusted up to that record's prev_hash). `keptHead` is a
 * head the auditor kept outside the database from an earlier run: the record at its seq must
 * still carry its hash. It is what shows a tail cut or rewritten together with the checkpoints
 * signed over it, which someone able to bypass the database's triggers can delete.
 */
export type TrailVerificationRequest =
  | { from: 'checkpoint'; checkpointSeq?: number; toSeq?: number; keptHead?: AuditChainHead }
  | { from: 'genesis' | 'seq'; fromSeq: number; toSeq?: number; keptHead?: AuditChainHead };

/**
 * The request for a start as callers name it (`checkpoint`, `genesis` or a record number), the
 * one mapping for the API and the CLI. `checkpointSeq` only means something with `checkpoint`:
 * callers refuse it with another start, each with its own error.
 */
export function trailVerificationRequest(
  from: 'checkpoint' | 'genesis' | number,
  checkpointSeq: number | undefined,
  toSeq: number | undefined,
): TrailVerificationRequest {
  if (from === 'checkpoint') return { from, checkpointSeq, toSeq };
  if (from === 'genesis') return { from, fromSeq: 1, toSeq };
  return { from: 'seq', fromSeq: from, toSeq };
}
