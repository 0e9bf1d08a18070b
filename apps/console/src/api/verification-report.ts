// The gateway's own report types, imported as types only: the console and the API cannot drift.
export type {
  DocumentVerificationReport,
  SignatureReport,
  ChainCertificateSummary,
  ReportMessage,
} from '../../../../libs/signature/src/report/document-verification-report';
export type {
  Indication,
  SubIndication,
} from '../../../../libs/signature/src/report/sub-indication';
