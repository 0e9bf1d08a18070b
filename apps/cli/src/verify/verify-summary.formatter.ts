import type {
  ReportMessage,
  SignatureReport,
} from '@docaxis/signature/report/document-verification-report';
import {
  coveragePhrase,
  revocationPhrase,
  signerPhrase,
  signingTimePhrase,
  verdictPhrase,
} from '@docaxis/signature/report/wording/report-phrases';
import type { ReportWording } from '@docaxis/signature/report/wording/report-wording';
import type { FileVerification } from './file-verification';

/**
 * The readable summary of one file: verdict first, then each signature in signing order. Instants
 * as the PDF report gives them: Vietnam time in Vietnamese, UTC in English.
 */
export function formatFileSummary(result: FileVerification, words: ReportWording): string {
  const { report } = result;
  const lines = [
    `== ${result.file} ==`,
    `${words.verdictLabel}: ${verdictPhrase(report.indication, report.subIndication, words)}`,
    words.fileFacts(report.fileSize, report.fileSha256),
  ];
  if (report.messages.length > 0) {
    lines.push(`${words.documentMessages}:`, ...messageLines(report.messages, '  ', words));
  }
  if (report.signatures.length === 0) lines.push(words.noSignatures);
  for (const signature of report.signatures) {
    lines.push('', ...signatureLines(signature, report.signatures.length, words));
  }
  return `${lines.join('\n')}\n`;
}

export function formatTotals(results: readonly FileVerification[], words: ReportWording): string {
  const passed = results.filter((result) => result.report.indication === 'TOTAL-PASSED').length;
  return `${words.totals(passed, results.length)}\n`;
}

function signatureLines(signature: SignatureReport, total: number, words: ReportWording): string[] {
  const lines = [
    `${words.signatureHeading(signature.index + 1, total, signature.fieldName)}: ` +
      verdictPhrase(signature.indication, signature.subIndication, words),
    `  ${words.signer}: ${signerPhrase(signature, words)}`,
    `  ${words.signingTime}: ${signingTimePhrase(signature, words, words.instant)}`,
  ];
  if (signature.chain.length === 0) {
    lines.push(`  ${words.chain}: ${words.noChain}`);
  } else {
    lines.push(`  ${words.chain}:`);
    for (const certificate of signature.chain) lines.push(`    - ${certificate.subject}`);
  }
  lines.push(
    `  ${words.revocation}: ${revocationPhrase(signature.revocation, words, words.instant)}`,
    `  ${words.coverage}: ${coveragePhrase(signature, words)}`,
    ...words.coverageDetails(signature.coverage).map((detail) => `    - ${detail}`),
  );
  if (signature.weakAlgorithm) {
    lines.push(
      `  ${words.weakAlgorithm}: ${signature.digestAlgorithm} / ${signature.signatureAlgorithm}`,
    );
  }
  if (signature.messages.length > 0) {
    lines.push(`  ${words.messages}:`, ...messageLines(signature.messages, '    ', words));
  }
  return lines;
}

function messageLines(
  messages: readonly ReportMessage[],
  indent: string,
  words: ReportWording,
): string[] {
  return messages.map(
    (message) => `${indent}- [${message.code}] ${words.messageText(message, words.instant)}`,
  );
}
