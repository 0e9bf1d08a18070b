import type { TsaRevocationFinding } from './tsa-revocation-finding';

/**
 * Whether the certificates of a checkpoint timestamp's TSA path (anchor excluded) were found
 * unrevoked: `good` (a current CRL for each, none listing it), `not-checked` (no revocation
 * source, no usable CRL for one of them, or one on hold — suspended, so undecided: `note` says
 * which and why) or
 * `revoked-after-gen-time` (revoked after the token was made for a reason that is no compromise:
 * it stays valid, as a signature made before its signer's revocation does, and `note` says when
 * and why). `findings` are the same reasons as data, for the reports that word them in Vietnamese.
 */
export type TsaRevocation = { status: 'good'; note: null } | TsaRevocationUnsettled;

/** A TSA revocation that is not `good`: why, in English (`note`) and as data (`findings`). */
export interface TsaRevocationUnsettled {
  status: 'not-checked' | 'revoked-after-gen-time';
  note: string;
  findings: readonly TsaRevocationFinding[];
}
