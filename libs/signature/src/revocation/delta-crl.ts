import type { CrlScope, ParsedCrl } from './certificate-revocation-list';

/**
 * The newest of `deltas` (each already found usable on its own: signed by the proven issuer,
 * current, covering the certificate) that updates `complete` per RFC 5280 §5.2.4: the complete
 * CRL's number is at least the delta's BaseCRLNumber, the delta's own number is higher than the
 * complete CRL's (else the complete CRL already holds what it says), and both have the same scope
 * (§6.3.3 b.2: matching issuingDistributionPoint extensions, or none on either).
 * Undefined when none does, or when a CRL lacks the numbers this needs.
 */
export function applicableDelta(
  complete: ParsedCrl,
  deltas: readonly ParsedCrl[],
): ParsedCrl | undefined {
  if (complete.crlNumber === undefined) return undefined;
  const completeNumber = crlNumberValue(complete.crlNumber);
  let newest: { crl: ParsedCrl; number: bigint } | undefined;
  for (const delta of deltas) {
    if (delta.crlNumber === undefined || delta.baseCrlNumber === undefined) continue;
    const number = crlNumberValue(delta.crlNumber);
    if (crlNumberValue(delta.baseCrlNumber) > completeNumber || number <= completeNumber) continue;
    if (!sameScope(complete.scope, delta.scope)) continue;
    if (!newest || number > newest.number) newest = { crl: delta, number };
  }
  return newest?.crl;
}

/** A CRL number as ParsedCrl holds it (upper-case hex) as a number. */
export function crlNumberValue(hex: string): bigint {
  return BigInt(`0x${hex}`);
}

function sameScope(a: CrlScope | undefined, b: CrlScope | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.namesDistributionPoint === b.namesDistributionPoint &&
    a.onlyUserCertificates === b.onlyUserCertificates &&
    a.onlyCaCertificates === b.onlyCaCertificates &&
    a.partial === b.partial &&
    a.distributionPointUris.length === b.distributionPointUris.length &&
    a.distributionPointUris.every((uri) => b.distributionPointUris.includes(uri))
  );
}
