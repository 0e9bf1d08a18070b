/** A certificate of a checkpoint timestamp's TSA path: the TSA's own, or one of its CAs. */
export interface TsaPathCertificate {
  role: 'tsa' | 'ca';
  subject: string;
}

/**
 * One reason a TSA path's revocation was not settled as `good`, as data, so each report words it
 * in its own language (`TsaRevocation.note` is the English of all of them). Instants are ISO 8601;
 * `reason` is the CRL entry's RFC 5280 reason name (null when the CA stated none); `detail` is the
 * revocation source's own explanation (which CRL, why unusable), English only.
 */
export type TsaRevocationFinding =
  | { kind: 'no-trust-file' }
  | { kind: 'no-crl-dir' }
  | { kind: 'no-answer'; certificate: TsaPathCertificate; detail: string }
  | { kind: 'expired'; certificate: TsaPathCertificate; notAfter: string }
  | { kind: 'on-hold'; certificate: TsaPathCertificate; since: string }
  | {
      kind: 'revoked-after';
      certificate: TsaPathCertificate;
      serialNumber: string;
      revokedAt: string;
      reason: string | null;
      genTime: string;
    };
