import type { Writable } from 'node:stream';
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

  writeCsv(filter: AuditEventFilter, header: ExportHeader, out: Writable): Promise<number> {
    const toSeq = header.head?.seq ?? 0;
    return writeAuditCsv(auditEventsInOrder(this.search, { ...filter, toSeq }, toSeq), out);
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
