/**
 * Why GET /audit/verify reported its problem, as data (`message` is its English): the console
 * words it in the page's language. `detail` is a check's own reason, English only.
 */
export type AuditProblemExplanation =
  | { kind: 'anchored-chain-empty'; anchorSeq: number }
  | { kind: 'range-end-missing'; fromSeq: number; toSeq: number }
  | { kind: 'tail-cut-after-anchor'; anchorSeq: number; headSeq: number }
  | { kind: 'duplicate-seq'; seq: number; eventIds: readonly [string, string] }
  | { kind: 'numbers-skipped'; seq: number; previousSeq: number }
  | { kind: 'records-missing'; fromSeq: number; toSeq: number; previousSeq: number; seq: number }
  | { kind: 'records-swapped'; seq: number; recordedAs: number; originalNowAt: number }
  | { kind: 'renumbered-down'; seq: number; recordedAs: number }
  | { kind: 'slipped-in'; seq: number; genuineNowAt: number }
  | { kind: 'record-moved'; seq: number; recordedAs: number }
  | { kind: 'record-altered'; seq: number }
  | { kind: 'payload-altered'; seq: number }
  | { kind: 'anchor-rewritten'; seq: number }
  | { kind: 'not-from-genesis' }
  | { kind: 'link-broken'; seq: number; previousSeq: number }
  | { kind: 'checkpoint-signature-invalid'; seq: number; detail: string }
  | { kind: 'checkpoint-timestamp-untrusted'; seq: number; detail: string }
  | { kind: 'checkpoint-timestamp-mismatch'; seq: number; detail: string }
  | { kind: 'checkpoint-record-missing'; seq: number }
  | { kind: 'checkpoint-tail-cut'; checkpointSeq: number; headSeq: number }
  | { kind: 'checkpoint-record-rewritten'; seq: number; createdAt: string };
