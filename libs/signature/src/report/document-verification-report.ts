import type { CoverageDetail } from './coverage-detail';
import type { RevocationExplanation } from './revocation-explanation';
import type { Indication, SubIndication } from './sub-indication';

/** Plain JSON-serialisable verification result, shaped after ETSI EN 319 102-1. */
export interface DocumentVerificationReport {
  indication: Indication;
  subIndication?: SubIndication;
  /** Lower-case hex SHA-256 of the whole file as received. */
  fileSha256: string;
  fileSize: number;
  /** ISO 8601 instant the verification was made for. */
  validationTime: string;
  /** Document-level findings (not a PDF, truncated, no signature, limits exceeded). */
  messages: ReportMessage[];
  signatures: SignatureReport[];
}

export interface ReportMessage {
  code: string;
  /** English. */
  text: string;
  /** A revocation finding's text as data, for the reports that word it in Vietnamese. */
  explanation?: RevocationExplanation;
  /**
   * Set on a certificate validity finding (expired, not yet valid) judged at the validation time,
   * the signature stating no signing time (an XML signature, a CMS one without signingTime).
   */
  judgedAt?: 'validation-time';
}

export type SignerKind = 'organization' | 'person' | 'unknown';

export interface SignerIdentity {
  /** RFC 4514 subject, most specific first; empty when no signer certificate was found. */
  subject: string;
  commonName?: string;
  organization?: string;
  agencyCode?: string;
  kind: SignerKind;
  /** Upper-case hex. */
  serialNumber: string;
  issuer: string;
  /** Lower-case hex SHA-256 of the certificate DER. */
  fingerprintSha256: string;
}

export interface ChainCertificateSummary {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
}

export type RevocationStatus = 'good' | 'revoked' | 'unknown';
export type RevocationSource = 'crl' | 'ocsp' | 'none';

export interface RevocationSummary {
  status: RevocationStatus;
  source: RevocationSource;
  revokedAt?: string;
  reason?: string;
  /** The CRL entry's invalidityDate (RFC 5280 §5.3.2), when present. */
  invalidityDate?: string;
  /** English. */
  note?: string;
  /** The note as data, for the reports that word it in Vietnamese (absent in older reports). */
  explanation?: RevocationExplanation;
}

export type ModificationsAfterSigning = 'none' | 'allowed' | 'disallowed';

export interface CoverageSummary {
  byteRange: [number, number, number, number];
  coversWholeFile: boolean;
  modificationsAfterSigning: ModificationsAfterSigning;
  /** English. */
  details: string[];
  /** Each of `details` as data, in the same order, for the reports that word them in Vietnamese. */
  explanations?: CoverageDetail[];
}

export interface SignatureReport {
  /** 0-based, in the order the signatures were applied (by signed length). */
  index: number;
  /** Fully qualified field name (`parent.child`). */
  fieldName: string;
  indication: Indication;
  subIndication?: SubIndication;
  messages: ReportMessage[];
  signer: SignerIdentity;
  /** Signer first, trust anchor last; empty when no path was found. */
  chain: ChainCertificateSummary[];
  signingTime?: string;
  signingTimeSource: 'signed-attribute' | 'timestamp' | 'none';
  /** `sha256`, ...; empty when unreadable. */
  digestAlgorithm: string;
  signatureAlgorithm: string;
  weakAlgorithm: boolean;
  revocation: RevocationSummary;
  coverage: CoverageSummary;
}
