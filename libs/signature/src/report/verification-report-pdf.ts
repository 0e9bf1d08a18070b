import { PdfReportDocument, type TextTone } from '@docaxis/pdf-report/pdf-report-document';
import type {
  DocumentVerificationReport,
  ReportMessage,
  SignatureReport,
} from './document-verification-report';
import type { Indication } from './sub-indication';
import {
  coveragePhrase,
  revocationPhrase,
  signerPhrase,
  signingTimePhrase,
  verdictPhrase,
} from './wording/report-phrases';
import type { ReportLanguage, ReportWording } from './wording/report-wording';
import { REPORT_WORDING } from './wording/report-wording.registry';

/** One verified file: the name the user knows it by and its report. */
export interface VerifiedFile {
  fileName: string;
  report: DocumentVerificationReport;
}

export interface VerificationReportPdfOptions {
  /** `vi` (default) or `en`. */
  language?: ReportLanguage;
  /** When the report is made; now by default (fixed in tests for reproducible files). */
  generatedAt?: Date;
}

const TONE_OF: Record<Indication, TextTone> = {
  'TOTAL-PASSED': 'success',
  'TOTAL-FAILED': 'danger',
  INDETERMINATE: 'warning',
};

/**
 * The verification report as a PDF a clerk can read, print and file: per file the document-level
 * verdict in words, then each signature (who signed, when and by which source, the certificate
 * chain, revocation, coverage and changes after signing, every finding with its stable code).
 * Rendered from the same JSON report the API returns, so both never disagree.
 */
export async function renderVerificationReportPdf(
  files: readonly VerifiedFile[],
  options: VerificationReportPdfOptions = {},
): Promise<Buffer> {
  const language = options.language ?? 'vi';
  const words = REPORT_WORDING[language];
  const generatedAt = (options.generatedAt ?? new Date()).toISOString();
  const pdf = await PdfReportDocument.create({
    title: words.reportTitle,
    language,
    creationDate: options.generatedAt,
    footer: `${words.footer} — ${words.instant(generatedAt)}`,
    pageNumberLabel: words.pageLabel,
  });
  pdf.heading(words.reportTitle, 1);
  pdf.paragraph(`${words.generatedAt}: ${words.instant(generatedAt)}`, { tone: 'muted' });
  files.forEach((file, position) => {
    if (position > 0) pdf.pageBreak();
    renderFile(pdf, file, words);
  });
  return pdf.save();
}

function renderFile(pdf: PdfReportDocument, file: VerifiedFile, words: ReportWording): void {
  const { report } = file;
  pdf.heading(`${words.fileName}: ${file.fileName}`, 2);
  pdf.keyValueTable([
    [
      words.verdictLabel,
      {
        text: verdictPhrase(report.indication, report.subIndication, words),
        style: { bold: true, tone: TONE_OF[report.indication] },
      },
    ],
    [words.fileSizeLabel, words.fileSize(report.fileSize)],
    [words.fileSha256, report.fileSha256 || words.none],
    [words.validationTime, words.instant(report.validationTime)],
    [words.signatureCount, String(report.signatures.length)],
  ]);
  if (report.messages.length > 0) {
    pdf.heading(words.documentMessages, 3);
    renderFindings(pdf, report.messages, words);
  }
  if (report.signatures.length === 0) pdf.paragraph(words.noSignatures);
  for (const signature of report.signatures) {
    renderSignature(pdf, signature, report.signatures.length, words);
  }
}

function renderSignature(
  pdf: PdfReportDocument,
  signature: SignatureReport,
  total: number,
  words: ReportWording,
): void {
  pdf.heading(words.signatureHeading(signature.index + 1, total, signature.fieldName), 3);
  const algorithms = [signature.digestAlgorithm, signature.signatureAlgorithm]
    .filter((name) => name !== '')
    .join(' / ');
  pdf.keyValueTable([
    [
      words.verdictLabel,
      {
        text: verdictPhrase(signature.indication, signature.subIndication, words),
        style: { bold: true, tone: TONE_OF[signature.indication] },
      },
    ],
    [words.signer, signerPhrase(signature, words)],
    [words.signingTime, signingTimePhrase(signature, words, words.instant)],
    [
      words.signatureAlgorithm,
      signature.weakAlgorithm
        ? { text: `${algorithms} — ${words.weakAlgorithm}`, style: { tone: 'warning' } }
        : algorithms || words.none,
    ],
    [
      words.revocation,
      {
        text: revocationPhrase(signature.revocation, words, words.instant),
        style: { tone: signature.revocation.status === 'good' ? 'normal' : 'warning' },
      },
    ],
    [
      words.coverage,
      [coveragePhrase(signature, words), ...words.coverageDetails(signature.coverage)].join('\n'),
    ],
  ]);
  pdf.paragraph(words.chain, { bold: true });
  if (signature.chain.length === 0) {
    pdf.paragraph(words.noChain, { tone: 'warning' });
  } else {
    pdf.table(
      signature.chain.map((certificate) => [
        certificate.subject,
        certificate.issuer,
        words.instant(certificate.notBefore),
        words.instant(certificate.notAfter),
      ]),
      { header: [...words.chainColumns], columnRatios: [3, 3, 1.4, 1.4], size: 8 },
    );
  }
  if (signature.messages.length > 0) {
    pdf.paragraph(words.messages, { bold: true });
    renderFindings(pdf, signature.messages, words);
  }
}

function renderFindings(
  pdf: PdfReportDocument,
  messages: readonly ReportMessage[],
  words: ReportWording,
): void {
  pdf.table(
    messages.map((message) => [message.code, words.messageText(message, words.instant)]),
    { header: [...words.findingColumns], columnRatios: [1.3, 3], size: 8 },
  );
}
