import type {
  ReportMessage,
  SignatureReport,
} from '@docaxis/signature/report/document-verification-report';
import type { FileVerification } from './file-verification';
import type { SummaryMessages } from './messages/summary-messages';

/** The readable summary of one file: verdict first, then each signature in signing order. */
export function formatFileSummary(result: FileVerification, words: SummaryMessages): string {
  const { report } = result;
  const lines = [
    `== ${result.file} ==`,
    `${words.verdictLabel}: ${verdictText(report.indication, report.subIndication, words)}`,
    words.fileFacts(report.fileSize, report.fileSha256),
  ];
  if (report.messages.length > 0) {
    lines.push(`${words.documentMessages}:`, ...messageLines(report.messages, '  '));
  }
  if (report.signatures.length === 0) lines.push(words.noSignatures);
  for (const signature of report.signatures) {
    lines.push('', ...signatureLines(signature, report.signatures.length, words));
  }
  return `${lines.join('\n')}\n`;
}

export function formatTotals(results: readonly FileVerification[], words: SummaryMessages): string {
  const passed = results.filter((result) => result.report.indication === 'TOTAL-PASSED').length;
  return `${words.totals(passed, results.length)}\n`;
}

function signatureLines(
  signature: SignatureReport,
  total: number,
  words: SummaryMessages,
): string[] {
  const lines = [
    `${words.signatureHeading(signature.index + 1, total, signature.fieldName)}: ` +
      verdictText(signature.indication, signature.subIndication, words),
    `  ${words.signer}: ${signerText(signature, words)}`,
    `  ${words.signingTime}: ${
      signature.signingTime
        ? `${signature.signingTime} (${words.signingTimeSource[signature.signingTimeSource]})`
        : words.noSigningTime
    }`,
  ];
  if (signature.chain.length === 0) {
    lines.push(`  ${words.chain}: ${words.noChain}`);
  } else {
    lines.push(`  ${words.chain}:`);
    for (const certificate of signature.chain) lines.push(`    - ${certificate.subject}`);
  }
  const { revocation, coverage } = signature;
  lines.push(
    `  ${words.revocation}: ${words.revocationStatus[revocation.status]} ` +
      `(${words.revocationSource[revocation.source]}` +
      `${revocation.revokedAt ? `, ${words.revokedAt} ${revocation.revokedAt}` : ''}` +
      `${revocation.reason ? `, ${revocation.reason}` : ''})` +
      `${revocation.note ? ` - ${revocation.note}` : ''}`,
    `  ${words.coverage}: ${
      coverage.coversWholeFile ? words.coversWholeFile : words.coversPartOfFile
    }; ${words.modifications[coverage.modificationsAfterSigning]}`,
    ...coverage.details.map((detail) => `    - ${detail}`),
  );
  if (signature.weakAlgorithm) {
    lines.push(
      `  ${words.weakAlgorithm}: ${signature.digestAlgorithm} / ${signature.signatureAlgorithm}`,
    );
  }
  if (signature.messages.length > 0) {
    lines.push(`  ${words.messages}:`, ...messageLines(signature.messages, '    '));
  }
  return lines;
}

function verdictText(
  indication: FileVerification['report']['indication'],
  subIndication: FileVerification['report']['subIndication'],
  words: SummaryMessages,
): string {
  const name = subIndication ? `${indication} / ${subIndication}` : indication;
  const meaning = subIndication ? `: ${words.subIndication[subIndication]}` : '';
  return `${words.indication[indication]}${meaning} (${name})`;
}

function signerText(signature: SignatureReport, words: SummaryMessages): string {
  const { signer } = signature;
  const name = signer.commonName ?? (signer.subject || words.unknownSigner);
  const facts = [words.signerKind[signer.kind]];
  if (signer.organization) facts.push(`${words.organization}: ${signer.organization}`);
  if (signer.agencyCode) facts.push(`${words.agencyCode}: ${signer.agencyCode}`);
  return `${name} (${facts.join('; ')})`;
}

function messageLines(messages: readonly ReportMessage[], indent: string): string[] {
  return messages.map((message) => `${indent}- [${message.code}] ${message.text}`);
}
