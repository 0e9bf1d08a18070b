import { Injectable } from '@nestjs/common';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import { DispatchAccessService } from '../dispatches/dispatch-access.service';

export interface TrailEntry {
  seq: number;
  eventType: string;
  occurredAt: string;
  recordedAt: string;
  senderCode: string | null;
  recipientCode: string | null;
  actor: string | null;
  details: Record<string, unknown>;
  hash: string;
}

export interface DispatchTrail {
  dispatchId: string;
  entries: TrailEntry[];
}

/**
 * The audit records of one dispatch in chain order. A recipient sees the dispatch-wide steps
 * and its own deliveries, not what happened at other recipients.
 */
@Injectable()
export class ReadTrailUseCase {
  constructor(
    private readonly access: DispatchAccessService,
    private readonly audit: AuditRecordRepository,
  ) {}

  async execute(dispatchId: string, agencyCode: string): Promise<DispatchTrail> {
    const party = await this.access.partyOf(dispatchId, agencyCode);
    const records = await this.audit.trailOf(dispatchId);
    const visible =
      party.role === 'sender'
        ? records
        : records.filter(
            (record) => record.recipientCode === null || record.recipientCode === agencyCode,
          );
    return {
      dispatchId,
      entries: visible.map((record) => ({
        seq: record.seq,
        eventType: record.eventType,
        occurredAt: record.occurredAt.toISOString(),
        recordedAt: record.recordedAt.toISOString(),
        senderCode: record.senderCode,
        recipientCode: record.recipientCode,
        actor: record.actor,
        details: record.payload,
        hash: record.hash,
      })),
    };
  }
}
