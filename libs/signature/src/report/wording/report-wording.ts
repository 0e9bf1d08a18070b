import type {
  CoverageSummary,
  ModificationsAfterSigning,
  ReportMessage,
  RevocationSummary,
  RevocationSource,
  RevocationStatus,
  SignatureReport,
  SignerKind,
} from '@docaxis/signature/report/document-verification-report';
import type { Indication, SubIndication } from '@docaxis/signature/report/sub-indication';

/**
 * Every word the human-readable verification reports use, for one language: the `docaxis verify`
 * summary and the PDF report (gateway and CLI).
 */
export interface ReportWording {
  verdictLabel: string;
  indication: Record<Indication, string>;
  /** What each sub-indication means for the reader, one short phrase. */
  subIndication: Record<SubIndication, string>;
  fileFacts(sizeBytes: number, sha256: string): string;
  documentMessages: string;
  noSignatures: string;
  signatureHeading(position: number, total: number, fieldName: string): string;
  signer: string;
  signerKind: Record<SignerKind, string>;
  unknownSigner: string;
  organization: string;
  agencyCode: string;
  signingTime: string;
  signingTimeSource: Record<SignatureReport['signingTimeSource'], string>;
  noSigningTime: string;
  chain: string;
  noChain: string;
  revocation: string;
  revocationStatus: Record<RevocationStatus, string>;
  revocationSource: Record<RevocationSource, string>;
  revokedAt: string;
  /** Instead of the status, for a certificate its CA suspended (certificateHold): not "revoked". */
  onHold: string;
  heldSince: string;
  /** The verifier's note on the revocation, if any, in this language. */
  revocationNote(revocation: RevocationSummary, instant: (iso: string) => string): string | null;
  coverage: string;
  coversWholeFile: string;
  coversPartOfFile: string;
  modifications: Record<ModificationsAfterSigning, string>;
  /** What a signature signs and what changed after it, one line each, in this language. */
  coverageDetails(coverage: CoverageSummary): string[];
  weakAlgorithm: string;
  messages: string;
  /** A finding in this language: `text` is English; Vietnamese comes from its explanation or code. */
  messageText(message: ReportMessage, instant: (iso: string) => string): string;
  totals(passed: number, total: number): string;
  // The PDF report
  reportTitle: string;
  generatedAt: string;
  fileName: string;
  fileSizeLabel: string;
  fileSize(sizeBytes: number): string;
  fileSha256: string;
  validationTime: string;
  signatureCount: string;
  signatureAlgorithm: string;
  chainColumns: readonly [string, string, string, string];
  findingColumns: readonly [string, string];
  none: string;
  footer: string;
  pageLabel: (page: number, total: number) => string;
  /** An ISO 8601 instant as the reader expects it (Vietnam time in the Vietnamese report). */
  instant: (iso: string) => string;
}

export type ReportLanguage = 'vi' | 'en';
export const REPORT_LANGUAGES: readonly ReportLanguage[] = ['vi', 'en'];
