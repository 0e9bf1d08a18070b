import type { TsaRevocation } from '../checkpoints/tsa-revocation-status';

/**
 * Where a verification started, in the caller's words: `genesis` (record 1, the full walk),
 * `checkpoint` (a signed checkpoint's head: the records before it are vouched for by its
 * signature only) or `seq` (a record the caller chose: trusted up to its prev_hash).
 */
export type VerificationStart = 'genesis' | 'checkpoint' | 'seq';

/**
 * A checkpoint's RFC 3161 timestamp as verified: `tsaChain` is `trusted` when the TSA certificate
 * chained to AUDIT_TSA_TRUST_FILE with id-kp-timeStamping at genTime, `not-checked` when no TSA
 * trust is configured (the token's signature and imprint verified, not who the TSA is);
 * `tsaRevocation` whether the certificates of that chain were checked for revocation
 * (AUDIT_TSA_CRL_DIR), with why not.
 */
export interface CheckpointTimestamp {
  genTime: string;
  authority: string;
  tsaChain: 'trusted' | 'not-checked';
  tsaRevocation: TsaRevocation;
}

/** The checkpoint a verification started from, as stored (it may itself have failed). */
export interface StartCheckpoint {
  headSeq: number;
  headHash: string;
  createdAt: string;
  signerSubject: string;
  /** Null without a token, or when the checkpoint failed before its token was judged. */
  timestamp: CheckpointTimestamp | null;
}

/**
 * What one run actually re-verified, so that an answer of `ok: true` is never read as covering
 * more than it does.
 */
export interface VerificationScope {
  from: VerificationStart;
  /** The checkpoint the walk started from (`from: 'checkpoint'`), else null. */
  startCheckpoint: StartCheckpoint | null;
  /** The first and last record this run re-hashed; lastSeq is null when it re-hashed none. */
  firstSeq: number;
  lastSeq: number | null;
  /** Records below firstSeq that this run did NOT re-hash (null when it started at genesis). */
  notReverified: { fromSeq: number; toSeq: number } | null;
  /** The same, as one sentence for people. */
  summary: string;
}

export function verificationScope(input: {
  from: VerificationStart;
  firstSeq: number;
  recordsChecked: number;
  ok: boolean;
  startCheckpoint?: StartCheckpoint;
  /** Why it started where it did, when the caller asked for something else. */
  why?: string;
}): VerificationScope {
  const { from, firstSeq, recordsChecked } = input;
  const startCheckpoint = input.startCheckpoint ?? null;
  const lastSeq = recordsChecked > 0 ? firstSeq + recordsChecked - 1 : null;
  const notReverified = firstSeq > 1 ? { fromSeq: 1, toSeq: firstSeq - 1 } : null;
  const walked =
    lastSeq === null
      ? 'no record was re-hashed'
      : `records ${firstSeq}..${lastSeq} (${recordsChecked}) were re-hashed and linked${input.ok ? '' : ' before the problem'}`;
  let untouched = '';
  if (notReverified && from === 'checkpoint' && lastSeq === null) {
    // The starting checkpoint (or the record it signed) failed: it vouches for nothing.
    untouched = ` Nothing was verified from it, and records ${notReverified.fromSeq}..${notReverified.toSeq} were not re-verified: start from an older checkpoint (checkpoint=N) or from=genesis.`;
  } else if (notReverified) {
    untouched = ` Records ${notReverified.fromSeq}..${notReverified.toSeq} were NOT re-verified by this run${from === 'checkpoint' ? ": the checkpoint's signature vouches for them" : ''}; verify with from=genesis for the full walk.`;
  }
  let start: string;
  if (from === 'genesis') start = input.why ? `From genesis (${input.why})` : 'From genesis';
  else if (from === 'seq')
    start = `From record ${firstSeq} (its link to the record before it trusted)`;
  else {
    const c = startCheckpoint!;
    start = `From the signed checkpoint of seq ${c.headSeq} (created ${c.createdAt}, signer ${c.signerSubject}${timestampNote(c.timestamp)})`;
  }
  return {
    from,
    startCheckpoint,
    firstSeq,
    lastSeq,
    notReverified,
    summary: `${start}: ${walked}.${untouched}`,
  };
}

function timestampNote(timestamp: CheckpointTimestamp | null): string {
  if (!timestamp) return '';
  if (timestamp.tsaChain === 'not-checked') {
    return `, timestamped ${timestamp.genTime} by ${timestamp.authority}, TSA chain NOT checked: no AUDIT_TSA_TRUST_FILE`;
  }
  const revocation = timestamp.tsaRevocation;
  const revocationText =
    revocation.status === 'good'
      ? 'TSA revocation checked (CRL): not revoked'
      : revocation.status === 'revoked-after-gen-time'
        ? `TSA revoked after the timestamp: ${revocation.note}`
        : revocation.note;
  return `, timestamped ${timestamp.genTime} by ${timestamp.authority}, TSA chain trusted, ${revocationText}`;
}
