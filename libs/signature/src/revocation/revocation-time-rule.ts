/**
 * Reasons after which a time asserted by the key's holder proves nothing: whoever holds a
 * compromised key (or a key certified by a compromised CA or attribute authority) can sign with
 * any signingTime or genTime. RFC 5280 §5.3.1 names them; RFC 3161 §4 warns of it for TSAs.
 */
export const COMPROMISE_REASONS: ReadonlySet<string> = new Set([
  'keyCompromise',
  'cACompromise',
  'aACompromise',
]);

/**
 * The reason of an entry without one. RFC 5280 §5.3.1 asks CAs to leave the code out rather than
 * write `unspecified` (0), so both mean the same here: the CA has not said the key is safe, and a
 * claimed time before such a revocation proves nothing — for signers and TSAs alike.
 *
 * Decided, stricter than RFC 3161 §4 for TSAs: RFC 3161 lets a TSA revoked with an explicit
 * `unspecified` keep the tokens it made before (only a missing code voids them all). We do not:
 * whether the dedicated CA (Ban Cơ yếu Chính phủ) follows that RFC 3161 convention is not known —
 * its certificate profile is not public (domain reference: [check]) — and one rule for both paths
 * is the simpler guarantee; a wrong "valid" is the costly error. A CA that retires a TSA key
 * safely says `superseded`, `affiliationChanged` or `cessationOfOperation`, whose earlier tokens
 * stay valid. README, "Key compromise".
 */
export const UNSTATED_REASON = 'unspecified';

/**
 * RFC 5280 §5.3.1 certificateHold: the CA suspended the certificate, a temporary state that ends
 * either in a release (a delta CRL entry `removeFromCRL`, or the entry gone from a later CRL) or in
 * a revocation with a reason and date of its own.
 */
export const HOLD_REASON = 'certificateHold';

export interface RevokedEntry {
  readonly revokedAt: Date;
  readonly reason?: string;
  readonly invalidityDate?: Date;
}

/**
 * How a revocation bears on something made at `time`:
 * - `before`: the certificate was invalid at `time`, whatever the reason. The effective instant
 *   is the earlier of the revocation date and the entry's invalidityDate (RFC 5280 §5.3.2: it
 *   may precede the revocation date, never extends validity).
 * - `compromised`: `time` is before the revocation but only claimed by the key's holder, and the
 *   reason is a compromise or the CA stated none (absent or `unspecified`: UNSTATED_REASON, a TSA
 *   included). Untrusted: the claim proves nothing.
 * - `after`: it became invalid after `time`; what was made at `time` stays valid.
 * - `on-hold`: the certificate is suspended (certificateHold) at the validation time, whenever the
 *   hold began and whatever proves `time`: nothing is settled yet. A release makes it as if it had
 *   never been listed; a revocation that follows may be for a compromise, or carry an
 *   invalidityDate before `time`. So neither valid nor revoked: INDETERMINATE until the CA decides
 *   (ETSI EN 319 102-1 X.509 validation: a certificate on hold is INDETERMINATE / TRY_LATER).
 * A `timeProven` by a third party (a trusted signature timestamp: ETSI EN 319 102-1 proof of
 * existence) is judged by the time rule even for a compromise.
 */
export type RevocationTiming =
  | { kind: 'on-hold'; heldSince: Date }
  | { kind: 'compromised'; reason: string }
  | { kind: 'before'; effectiveAt: Date }
  | { kind: 'after'; effectiveAt: Date };

export function judgeRevocationTiming(
  entry: RevokedEntry,
  time: Date,
  timeProven: boolean,
): RevocationTiming {
  if (entry.reason === HOLD_REASON) return { kind: 'on-hold', heldSince: entry.revokedAt };
  const effectiveAt =
    entry.invalidityDate && entry.invalidityDate < entry.revokedAt
      ? entry.invalidityDate
      : entry.revokedAt;
  if (effectiveAt.getTime() <= time.getTime()) return { kind: 'before', effectiveAt };
  const reason = entry.reason ?? UNSTATED_REASON;
  if (!timeProven && (reason === UNSTATED_REASON || COMPROMISE_REASONS.has(reason))) {
    return { kind: 'compromised', reason };
  }
  return { kind: 'after', effectiveAt };
}

/** What voided a claimed time, for a finding: 'compromise', or a revocation without a reason. */
export function voidingRevocation(reason: string | undefined): string {
  if (reason !== undefined && COMPROMISE_REASONS.has(reason)) return 'compromise';
  return reason === undefined
    ? 'revocation without a reason'
    : 'revocation for an unspecified reason';
}

/** `keyCompromise` → ' (keyCompromise)'; a missing reason is shown as such. */
export function describeReason(reason: string | undefined): string {
  return ` (${reason ?? 'no reason code'})`;
}

/** ', invalid from <invalidityDate>' when an earlier invalidityDate, not the revocation, decided. */
export function invalidFrom(effectiveAt: Date, revokedAt: Date): string {
  return effectiveAt.getTime() === revokedAt.getTime()
    ? ''
    : `, invalid from ${effectiveAt.toISOString()} (invalidityDate)`;
}
