import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';

export interface RevocationRequest {
  readonly certificate: ParsedCertificate;
  /** The certificate's issuer as proven by the path: revocation data must be signed by its key. */
  readonly issuer: ParsedCertificate;
  /** Revocation data must be current at this instant (usually now). */
  readonly validationTime: Date;
}

export type RevocationOutcome =
  | {
      readonly status: 'good';
      readonly source: 'crl' | 'ocsp';
      /** When the information was produced (CRL thisUpdate, OCSP producedAt). */
      readonly producedAt: Date;
      readonly note?: string;
    }
  | {
      readonly status: 'revoked';
      readonly source: 'crl' | 'ocsp';
      readonly producedAt: Date;
      readonly revokedAt: Date;
      /** RFC 5280 §5.3.1 reason name; absent when the CA stated none. */
      readonly reason?: string;
      /** The CRL entry's invalidityDate (RFC 5280 §5.3.2), when it has one. */
      readonly invalidityDate?: Date;
      readonly note?: string;
    }
  | {
      readonly status: 'unknown';
      readonly source: 'none';
      /** Why no source could answer: no CRL, stale CRL, bad signature, network failure. */
      readonly note: string;
    };

/**
 * Tells whether one certificate is revoked. It reports the facts (date, reason, invalidityDate);
 * what they mean for a signature or a token made at some time is revocation-time-rule.ts's call
 * (a compromise voids a claimed time). Implementations: CrlRevocationChecker (local folder
 * and, through CrlSource, HTTP distribution points); an OCSP checker can be added beside it and
 * combined with FirstConclusiveRevocationChecker. Must not throw for missing data: that is
 * `unknown`, which the verifier turns into INDETERMINATE / TRY_LATER, never into PASSED.
 */
export interface RevocationChecker {
  check(request: RevocationRequest): Promise<RevocationOutcome>;
}
