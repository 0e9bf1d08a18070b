/**
 * Where a verification starts, as `/audit/verify`, `/audit/export` and `docaxis audit` take it:
 * the latest signed checkpoint (the default), the one whose head is `checkpointSeq`, genesis (the
 * full walk) or a record number (a range, trusted up to that record's prev_hash).
 */
export type TrailVerificationRequest =
  | { from: 'checkpoint'; checkpointSeq?: number; toSeq?: number }
  | { from: 'genesis' | 'seq'; fromSeq: number; toSeq?: number };
