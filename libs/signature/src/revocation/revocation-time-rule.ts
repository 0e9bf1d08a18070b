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
 *   reason is a compromise or the CA stated none (absent or `unspecified`, which RFC 5280
 *   §5.3.1 treats alike: it rules nothing out). Untrusted: the claim proves nothing.
 * - `after`: it became invalid after `time`; what was made at `time` stays valid.
 * A `timeProven` by a third party (a trusted signature timestamp: ETSI EN 319 102-1 proof of
 * existence) is judged by the time rule even for a compromise.
 */
export type RevocationTiming =
  | { kind: 'compromised'; reason: string }
  | { kind: 'before'; effectiveAt: Date }
  | { kind: 'after'; effectiveAt: Date };

export function judgeRevocationTiming(
  entry: RevokedEntry,
  time: Date,
  timeProven: boolean,
): RevocationTiming {
  const effectiveAt =
    entry.invalidityDate && entry.invalidityDate < entry.revokedAt
      ? entry.invalidityDate
      : entry.revokedAt;
  if (effectiveAt.getTime() <= time.getTime()) return { kind: 'before', effectiveAt };
  const reason = entry.reason ?? 'unspecified';
  if (!timeProven && (reason === 'unspecified' || COMPROMISE_REASONS.has(reason))) {
    return { kind: 'compromised', reason };
  }
  return { kind: 'after', effectiveAt };
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
