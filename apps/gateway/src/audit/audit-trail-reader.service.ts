import { Injectable } from '@nestjs/common';
import type { AuditTrailVerification } from '@docaxis/audit-trail/verification/audit-trail-verifier';
import { AuditTrailVerifier } from '@docaxis/audit-trail/verification/audit-trail-verifier';
import { auditEventsInOrder } from '@docaxis/audit-trail/export/audit-event-source';
import type { AuditRecordEntity } from '@docaxis/persistence/audit/audit-record.entity';
import {
  AuditSearchRepository,
  type AgencyDeliveryStatistics,
  type AuditEventFilter,
} from '@docaxis/persistence/audit/audit-search.repository';
import type { TrailVerificationRequest } from '@docaxis/audit-trail/verification/trail-verification-request';
import { encodeAuditCursor } from './audit-query';

/** The event recording an agency's status notice (trạng thái xử lý). */
const STATUS_NOTICED = 'status.noticed';

/** One audit record as auditors see it. */
export interface AuditEventView {
  seq: number;
  eventId: string;
  eventType: string;
  occurredAt: string;
  recordedAt: string;
  dispatchId: string | null;
  senderCode: string | null;
  recipientCode: string | null;
  actor: string | null;
  details: Record<string, unknown>;
  payloadDigest: string;
  prevHash: string;
  hash: string;
}

export interface AuditEventPage {
  events: AuditEventView[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

export interface DispatchTimeline {
  dispatchId: string;
  entries: Array<AuditEventView & { source: 'axis' | 'agency-status' }>;
}

/** The auditors' read side: search, timeline, statistics and verification. */
@Injectable()
export class AuditTrailReaderService {
  constructor(
    private readonly search: AuditSearchRepository,
    private readonly verifier: AuditTrailVerifier,
  ) {}

  async events(
    filter: AuditEventFilter,
    afterSeq: number | undefined,
    limit: number,
  ): Promise<AuditEventPage> {
    const page = await this.search.page({ filter, afterSeq, order: 'desc', limit });
    return {
      events: page.map(view),
      nextCursor: page.length === limit ? encodeAuditCursor(page[page.length - 1].seq) : null,
    };
  }

  /**
   * Axis events and agency status notices (`status.noticed`) of one dispatch, oldest first.
   */
  async timeline(dispatchId: string): Promise<DispatchTimeline> {
    const entries: DispatchTimeline['entries'] = [];
    for await (const record of auditEventsInOrder(
      this.search,
      { dispatchId },
      Number.MAX_SAFE_INTEGER,
    )) {
      entries.push({
        ...view(record),
        source: record.eventType === STATUS_NOTICED ? 'agency-status' : 'axis',
      });
    }
    return { dispatchId, entries };
  }

  statistics(range: {
    from?: Date;
    to?: Date;
    agencyCode?: string;
  }): Promise<AgencyDeliveryStatistics[]> {
    return this.search.statistics(range);
  }

  verify(request: TrailVerificationRequest): Promise<AuditTrailVerification> {
    return this.verifier.verifyAsRequested(request);
  }
}

function view(record: AuditRecordEntity): AuditEventView {
  return {
    seq: record.seq,
    eventId: record.eventId,
    eventType: record.eventType,
    occurredAt: record.occurredAt.toISOString(),
    recordedAt: record.recordedAt.toISOString(),
    dispatchId: record.dispatchId,
    senderCode: record.senderCode,
    recipientCode: record.recipientCode,
    actor: record.actor,
    details: record.payload,
    payloadDigest: record.payloadDigest,
    prevHash: record.prevHash,
    hash: record.hash,
  };
}
