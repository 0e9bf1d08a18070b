/** The certificate a revocation explanation is about: the signer's own, or a CA's of its path. */
export interface RevokedCertificateRef {
  role: 'signer' | 'ca';
  subject: string;
  serialNumber: string;
}

/**
 * A revocation note or finding as data, so each report words it in its own language (`note` and
 * the message `text` are its English). Instants are ISO 8601; `reason` is the CRL entry's RFC
 * 5280 reason name (null when the CA stated none); `detail` is the revocation source's own
 * explanation (which CRL or responder, why unusable), English only.
 */
export type RevocationExplanation =
  | { kind: 'signer-is-trust-anchor' }
  | { kind: 'status-unknown'; certificate: RevokedCertificateRef; detail: string }
  | { kind: 'good-with-remark'; certificate: RevokedCertificateRef; detail: string }
  | { kind: 'on-hold'; certificate: RevokedCertificateRef; since: string; detail?: string }
  | {
      kind: 'revoked-compromise';
      certificate: RevokedCertificateRef;
      revokedAt: string;
      reason: string | null;
      claimedSigningTime: string;
      detail?: string;
    }
  | {
      kind: 'revoked-before-signing';
      certificate: RevokedCertificateRef;
      revokedAt: string;
      reason: string | null;
      /** An earlier invalidityDate that decided, when there is one. */
      invalidFrom?: string;
      detail?: string;
    }
  | {
      kind: 'revoked-after-signing';
      certificate: RevokedCertificateRef;
      revokedAt: string;
      reason: string | null;
      signingTime: string;
      detail?: string;
    };
