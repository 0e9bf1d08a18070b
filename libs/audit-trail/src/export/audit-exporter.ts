import type { Writable } from 'node:stream';
import type { AuditRecordEntity } from '@docaxis/persistence/audit/audit-record.entity';
import type {
  AuditChainHead,
  AuditRecordRepository,
} from '@docaxis/persistence/audit/audit-record.repository';
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
import { AuditExportHeadNotFoundError } from './audit-export-head-not-found.error';
import { exportManifest, type ExportManifest } from './export-manifest';
import { ExportSelection, tallied, type ExportSelectionSummary } from './export-selection';
import { splitExportFilter, statedExportFilter } from './stated-export-filter';
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

  /**
   * `pinned`: a head read earlier (an export's X-Audit-Chain-Head) to state instead of the
   * current one, so a manifest asked for after its export covers the same records; the record
   * of its seq must still carry its hash.
   */
  async header(
    request: TrailVerificationRequest = { from: 'checkpoint' },
    pinned?: AuditChainHead,
  ): Promise<ExportHeader> {
    const head = pinned ?? (await this.records.head());
    if (pinned) {
      const stored = (await this.records.hashesAt([pinned.seq])).get(pinned.seq) ?? null;
      if (stored !== pinned.hash) throw new AuditExportHeadNotFoundError(pinned, stored);
    }
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

  /**
   * The manifest of an export of `filter` at `header`'s head: the records at or below a head
   * never change, so it states what the export held whenever it is asked for. Filtered by the
   * dispatch's current state too, it names those filters and states no selection (see
   * ExportManifest).
   */
  async manifest(
    filter: AuditEventFilter,
    header: ExportHeader,
    generatedAt = new Date(),
  ): Promise<ExportManifest> {
    const { recheckable, notRecheckable } = splitExportFilter(filter);
    const selected = notRecheckable
      ? { notRecheckable }
      : await this.selection(recheckable, header);
    return exportManifest(header, statedExportFilter(recheckable), selected, generatedAt);
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
