import type { ChainCertificateSummary } from '@docaxis/signature/report/document-verification-report';
import { defect, type ValidationFinding } from '@docaxis/signature/report/validation-finding';

/**
 * A certificate of the path (anchor excluded) expired at the validation time, while the signing
 * time is only the signer's claim: INDETERMINATE / OUT_OF_BOUNDS_NO_POE (ETSI EN 319 102-1, as
 * EU DSS). Its CA may drop it from its CRLs once expired (RFC 5280 §3.3) and nobody revokes an
 * expired key that leaks, so whoever holds the key can date a new signature inside its validity.
 * A valid signature timestamp before the expiry is the proof of existence that settles it.
 *
 * A certificate already expired at the signing time is left out: the path validation failed it
 * EXPIRED at that time (a signing time after the expiry, or none: a signature judged at the
 * validation time, as an XML signature always is), which says more than "not proven".
 */
export function checkExpiryWithoutProof(
  chain: readonly ChainCertificateSummary[],
  signingTime: Date,
  validationTime: Date,
  findings: ValidationFinding[],
): void {
  // The last certificate is the trust anchor, trusted by configuration.
  for (const [index, certificate] of chain.slice(0, -1).entries()) {
    const notAfter = new Date(certificate.notAfter).getTime();
    if (notAfter >= validationTime.getTime() || notAfter < signingTime.getTime()) continue;
    const who = index === 0 ? 'signer certificate' : `CA certificate "${certificate.subject}"`;
    findings.push(
      defect(
        'OUT_OF_BOUNDS_NO_POE',
        'CERTIFICATE_EXPIRED_NO_POE',
        `the ${who} expired at ${certificate.notAfter}, before the validation time ${validationTime.toISOString()}, and no signature timestamp proves the signature was made before`,
      ),
    );
  }
}
