/**
 * Why a signed checkpoint failed verification, as data (see AuditChainExplanation). `detail` is
 * the signature or timestamp check's own reason, English only; `createdAt` is ISO 8601.
 */
export type CheckpointProblemExplanation =
  | { kind: 'checkpoint-signature-invalid'; seq: number; detail: string }
  | { kind: 'checkpoint-timestamp-untrusted'; seq: number; detail: string }
  | { kind: 'checkpoint-timestamp-mismatch'; seq: number; detail: string }
  | { kind: 'checkpoint-record-missing'; seq: number }
  | { kind: 'checkpoint-tail-cut'; checkpointSeq: number; headSeq: number }
  | { kind: 'checkpoint-record-rewritten'; seq: number; createdAt: string };
