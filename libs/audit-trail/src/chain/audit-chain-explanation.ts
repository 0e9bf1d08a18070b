/**
 * Why the chain verifier reported its problem, as data, so each report words it in its own
 * language (`message` is the English of it). Seqs are the records' numbers: `fromSeq..toSeq` a
 * range, `seq` the record the explanation is about, `previousSeq` the record verified before it,
 * `recordedAs` the seq a record's hash was computed for.
 */
export type AuditChainExplanation =
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
  | { kind: 'link-broken'; seq: number; previousSeq: number };
