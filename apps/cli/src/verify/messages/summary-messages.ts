import type {
  ModificationsAfterSigning,
  RevocationSource,
  RevocationStatus,
  SignatureReport,
  SignerKind,
} from '@docaxis/signature/report/document-verification-report';
import type { Indication, SubIndication } from '@docaxis/signature/report/sub-indication';

/** Every word the human-readable `docaxis verify` summary prints, for one language. */
export interface SummaryMessages {
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
  coverage: string;
  coversWholeFile: string;
  coversPartOfFile: string;
  modifications: Record<ModificationsAfterSigning, string>;
  weakAlgorithm: string;
  messages: string;
  totals(passed: number, total: number): string;
}

export type SummaryLanguage = 'vi' | 'en';
export const SUMMARY_LANGUAGES: readonly SummaryLanguage[] = ['vi', 'en'];
