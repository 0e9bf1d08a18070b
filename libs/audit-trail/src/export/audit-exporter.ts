import type { Writable } from 'node:stream';
import type { AuditRecordEntity } from '@docaxis/persistence/audit/audit-record.entity';
import type { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import type {
  AuditEventFilter,
  AuditSearchRepository,
} from '@docaxis/persistence/audit/audit-search.repository';
import type {
  AuditTrailVerification,
  AuditTrailVerifier,
} from '../verification/audit-trail-verifier';
import type { TrailVerificationRequest } from '../verification/trail-verification-request';
import { writeAuditCsv } from './audit-csv-export';
import { auditEventsInOrder } from './audit-event-source';
import { ExportSelection, tallied, type ExportSelectionSummary } from './export-selection';
import { buildAuditPdfReport, type AuditReportLanguage } from './audit-pdf-report';

/**
 * What an export states about the trail it was taken from; `verification.scope` says which
 * records this export's verification re-hashed and which it did not.
 */
export interface ExportHeader {
  head: { seq: number; hash: string } | null;
  verification: AuditTrailVerification;
}

/**
 * Exports for the API and the CLI alike: the head is pinned first and the trail verified up to
 * it, so the head and checkpoint an export states cover every record it contains. The
 * verification starts where /audit/verify does: the latest signed checkpoint unless the caller
 * asks for another one, genesis (the full walk) or a seq.
 */
export class AuditExporter {
  constructor(
    private readonly search: AuditSearchRepository,
    private readonly records: AuditRecordRepository,
    private readonly verifier: AuditTrailVerifier,
  ) {}

  async header(request: TrailVerificationRequest = { from: 'checkpoint' }): Promise<ExportHeader> {
    const head = await this.records.head();
    const verification = await this.verifier.verifyAsRequested({
      ...request,
      toSeq: head?.seq,
    });
    return { head, verification };
  }

  /** Writes the CSV, tallying the records it writes into `selection` when given (the manifest's). */
  writeCsv(
    filter: AuditEventFilter,
    header: ExportHeader,
    out: Writable,
    selection?: ExportSelection,
  ): Promise<number> {
    const records = this.pinnedRecords(filter, header);
    return writeAuditCsv(selection ? tallied(records, selection) : records, out);
  }

  /** What an export of `filter` holds, walked without writing it (a PDF shows the first 2,000). */
  async selection(filter: AuditEventFilter, header: ExportHeader): Promise<ExportSelectionSummary> {
    const selection = new ExportSelection();
    for await (const record of this.pinnedRecords(filter, header)) {
      selection.add(record.seq, record.hash);
    }
    return selection.summary();
  }

  private pinnedRecords(
    filter: AuditEventFilter,
    header: ExportHeader,
  ): AsyncGenerator<AuditRecordEntity> {
    const toSeq = header.head?.seq ?? 0;
    return auditEventsInOrder(this.search, { ...filter, toSeq }, toSeq);
  }

  async pdf(
    filter: AuditEventFilter,
    header: ExportHeader,
    language: AuditReportLanguage,
  ): Promise<Buffer> {
    const toSeq = header.head?.seq ?? 0;
    const pinned = { ...filter, toSeq };
    return buildAuditPdfReport({
      language,
      generatedAt: new Date(),
      filters: describeFilter(filter),
      verification: header.verification,
      head: header.head,
      events: auditEventsInOrder(this.search, pinned, toSeq),
      totalEvents: await this.search.count(pinned),
    });
  }
}

/** Filters as readable lines, for the PDF report's scope. */
export function describeFilter(filter: AuditEventFilter): string[] {
  return Object.entries(filter)
    .filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0))
    .map(
      ([key, value]) => `${key} = ${value instanceof Date ? value.toISOString() : String(value)}`,
    );
}
