import { PdfReportDocument } from '@docaxis/pdf-report/pdf-report-document';
import type { AuditRecordEntity } from '@docaxis/persistence/audit/audit-record.entity';
import type { AuditTrailVerification } from '../verification/audit-trail-verifier';
import type { CheckpointUsed } from '../verification/checkpoint-used';
import { auditEventTypeName } from '../wording/audit-event-type-names';
import { auditEventDetails } from './audit-event-details';
import {
  AUDIT_REPORT_MESSAGES,
  tsaRevocationText,
  type AuditReportMessages,
} from './audit-report-messages';

export type AuditReportLanguage = 'vi' | 'en';

/** Rows a PDF report lists at most; the CSV export has no limit. */
export const AUDIT_PDF_MAX_EVENTS = 2000;

export interface AuditPdfReportInput {
  language: AuditReportLanguage;
  generatedAt: Date;
  /** Human-readable filter lines ("agency = 000.00.00.G22"); empty for the whole trail. */
  filters: readonly string[];
  /** The verification of the trail the report states (its head and checkpoint are printed). */
  verification: AuditTrailVerification;
  head: { seq: number; hash: string } | null;
  events: AsyncIterable<AuditRecordEntity>;
  totalEvents: number;
}

/**
 * The audit report: scope, integrity (chain head, the signed checkpoint used, the verification
 * result and what it re-verified) so a reader can check the report against the log later, then the matching events.
 */
export async function buildAuditPdfReport(input: AuditPdfReportInput): Promise<Buffer> {
  const m = AUDIT_REPORT_MESSAGES[input.language];
  const at = input.generatedAt.toISOString();
  const report = await PdfReportDocument.create({
    title: m.title,
    language: input.language,
    creationDate: input.generatedAt,
    footer: `docaxis — ${at}`,
    pageNumberLabel: m.page,
  });
  report.heading(m.title, 1);
  report.heading(m.scope, 2).keyValueTable([
    [m.generatedAt, at],
    [m.filters, input.filters.length ? input.filters.join('; ') : m.noFilter],
  ]);
  const v = input.verification;
  const checkpoint = v.checkpoint;
  report.heading(m.integrity, 2).keyValueTable([
    [m.chainHead, input.head ? `${input.head.seq} — ${input.head.hash}` : '—'],
    [
      m.checkpoint,
      checkpoint
        ? `${checkpoint.headSeq} — ${checkpoint.headHash} (${checkpoint.createdAt})`
        : m.checkpointNone,
    ],
    [m.signedBy, checkpoint?.signerSubject ?? '—'],
    [m.timestamped, timestampLine(checkpoint, m)],
    [
      m.verification,
      v.ok
        ? { text: m.verified(v.recordsChecked), style: { tone: 'success' } }
        : { text: m.broken(v), style: { tone: 'danger', bold: true } },
    ],
    [m.verificationScope, m.scopeText(v.scope)],
  ]);
  report.paragraph(m.howToCheck, { tone: 'muted' });
  const rows: string[][] = [];
  for await (const record of input.events) {
    if (rows.length >= AUDIT_PDF_MAX_EVENTS) break;
    rows.push([
      String(record.seq),
      record.recordedAt.toISOString(),
      auditEventTypeName(record.eventType, input.language),
      record.dispatchId ?? '—',
      auditEventDetails(record, input.language),
      record.hash,
    ]);
  }
  report.heading(m.events, 2).paragraph(m.eventCount(rows.length, input.totalEvents));
  report.table(rows, { header: m.header, columnRatios: [0.5, 1.4, 2.1, 1.9, 2.8, 1.9], size: 7 });
  return report.save();
}

function timestampLine(checkpoint: CheckpointUsed | null, m: AuditReportMessages): string {
  const stamp = checkpoint?.timestamp;
  if (!stamp) return checkpoint?.timestamped ? m.yes : m.no;
  const said = `${m.yes} — ${stamp.genTime}, ${stamp.authority}`;
  if (stamp.tsaChain === 'not-checked') return `${said}; ${m.tsaNotChecked}`;
  return `${said}; ${m.tsaTrusted}; ${tsaRevocationText(stamp.tsaRevocation, m)}`;
}
