import type {
  ChainCertificateSummary,
  ReportMessage,
  RevocationSummary,
  SignerIdentity,
} from '@docaxis/signature/report/document-verification-report';
import type { Indication, SubIndication } from '@docaxis/signature/report/sub-indication';

/** The packet carries no XML signature: nothing to verify (whether that is acceptable is policy). */
export interface UnsignedEdxmlReport {
  status: 'unsigned';
  validationTime: string;
}

/**
 * The enveloped XML signature of an edXML packet, reported like a PDF signature (ETSI EN 319
 * 102-1 indications) so clients read both the same way. XML-DSig carries no signing time: the
 * certificate is judged at the validation time.
 */
export interface SignedEdxmlReport {
  status: 'signed';
  validationTime: string;
  indication: Indication;
  subIndication?: SubIndication;
  messages: ReportMessage[];
  signer: SignerIdentity;
  /** Signer first, trust anchor last; empty when no path was found. */
  chain: ChainCertificateSummary[];
  /** `RSA-SHA1`, `RSA-SHA256`, ...; empty when unreadable. */
  signatureAlgorithm: string;
  digestAlgorithm: string;
  /** SHA-1 somewhere (signature, digest or chain) or a short key: accepted, flagged. */
  weakAlgorithm: boolean;
  revocation: RevocationSummary;
}

export type EdxmlSignatureReport = UnsignedEdxmlReport | SignedEdxmlReport;
