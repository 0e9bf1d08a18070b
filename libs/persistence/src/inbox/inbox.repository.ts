import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedStatement } from '../database/prepared-statements';
import type { RecallAnswerState, RecipientState } from '../dispatch/dispatch-state';
import type { StaffInfo, StatusNoticeEntity } from '../status-notice/status-notice.entity';

/** A delivered notice as an inbox page reads it (when it became ready is not read). */
// The inbox shows what a notice says, not the path its packet took.
type DeliveredNoticeFacts = Omit<StatusNoticeEntity, 'readyAt' | 'correlationId' | 'incomingTrace'>;

/** What an inbox entry shows of its dispatch. */
export interface InboxDispatch {
  id: string;
  documentId: string;
  senderCode: string;
  subject: string;
  urgency: string;
  /** `YYYY-MM-DD`, as TypeORM reads a date column. */
  dueDate: string | null;
}

/** The inbox owner's copy of a dispatch delivered to it. */
export interface InboxCopy {
  state: RecipientState;
  deliveredAt: Date | null;
  recallState: RecallAnswerState | null;
}

/** One thing in an agency's inbox, at its inbox position. */
export type InboxEntry =
  | { kind: 'dispatch'; deliverySeq: number; dispatch: InboxDispatch; recipient: InboxCopy }
  | { kind: 'status'; deliverySeq: number; dispatch: InboxDispatch; notice: DeliveredNoticeFacts };

interface InboxRow {
  kind: 'dispatch' | 'status';
  seq: string;
  dispatch_id: string;
  document_id: string;
  sender_code: string;
  subject: string;
  urgency: string;
  due_date: string | null;
  copy_state: RecipientState | null;
  copy_delivered_at: Date | null;
  copy_recall_state: RecallAnswerState | null;
  notice_id: string | null;
  notice_author_id: string;
  notice_recipient_code: string;
  notice_author_code: string;
  notice_addressee_code: string;
  notice_status_code: string;
  notice_reason: string | null;
  notice_staff: StaffInfo | null;
  notice_noticed_at: Date;
  notice_recorded_at: Date;
  notice_request_digest: string;
  notice_delivered_at: Date | null;
  notice_envelope_signature: Record<string, unknown> | null;
}

/**
 * An agency's inbox: the dispatches delivered to it (unless recalled before it fetched them) and
 * the status notices addressed to it, in one order. Both take their positions from the one
 * `delivery_seq` sequence, so a single cursor pages through both.
 */
@Injectable()
export class InboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One page after the given position, oldest first, in one prepared query: the positions come
   * from the two inbox indexes with the columns the page shows of each copy or notice, then each
   * row is joined by primary key to its dispatch. (Joining the copies back by recipient made a
   * plan that read every copy the recipient ever had, ~1,400 rows per page late in a run.)
   */
  async page(agencyCode: string, afterSeq: number, limit: number): Promise<InboxEntry[]> {
    const rows: InboxRow[] = await this.dataSource.query(
      preparedStatement(`SELECT i.kind, i.seq, i.dispatch_id,
              d.document_id, d.sender_code, d.subject, d.urgency, d.due_date::text AS due_date,
              i.copy_state, i.copy_delivered_at, i.copy_recall_state,
              i.notice_id, i.notice_author_id, i.notice_recipient_code, i.notice_author_code,
              i.notice_addressee_code, i.notice_status_code, i.notice_reason, i.notice_staff,
              i.notice_noticed_at, i.notice_recorded_at, i.notice_request_digest,
              i.notice_delivered_at, i.notice_envelope_signature
         FROM (
             SELECT 'dispatch' AS kind, r.delivery_seq AS seq, r.dispatch_id,
                    r.state AS copy_state, r.delivered_at AS copy_delivered_at,
                    r.recall_state AS copy_recall_state,
                    NULL::uuid AS notice_id, NULL::varchar AS notice_author_id,
                    NULL::varchar AS notice_recipient_code, NULL::varchar AS notice_author_code,
                    NULL::varchar AS notice_addressee_code, NULL::varchar AS notice_status_code,
                    NULL::text AS notice_reason, NULL::jsonb AS notice_staff,
                    NULL::timestamptz AS notice_noticed_at, NULL::timestamptz AS notice_recorded_at,
                    NULL::bpchar AS notice_request_digest,
                    NULL::timestamptz AS notice_delivered_at,
                    NULL::jsonb AS notice_envelope_signature
               FROM dispatch_recipients r
              WHERE r.recipient_code = $1 AND r.delivery_seq > $2 AND r.state <> 'recalled'
             UNION ALL
             SELECT 'status', n.delivery_seq, n.dispatch_id, NULL, NULL, NULL,
                    n.id, n.notice_id, n.recipient_code, n.author_code, n.addressee_code,
                    n.status_code, n.reason, n.staff, n.noticed_at, n.recorded_at,
                    n.request_digest, n.delivered_at, n.envelope_signature
               FROM status_notices n
              WHERE n.addressee_code = $1 AND n.delivery_seq > $2
             ORDER BY seq
             LIMIT $3
           ) i
         JOIN dispatches d ON d.id = i.dispatch_id
        ORDER BY i.seq`),
      [agencyCode, afterSeq, limit],
    );
    return rows.map(toEntry);
  }
}

function toEntry(row: InboxRow): InboxEntry {
  const deliverySeq = Number(row.seq);
  const dispatch: InboxDispatch = {
    id: row.dispatch_id,
    documentId: row.document_id,
    senderCode: row.sender_code,
    subject: row.subject,
    urgency: row.urgency,
    dueDate: row.due_date,
  };
  if (row.kind === 'dispatch') {
    return {
      kind: 'dispatch',
      deliverySeq,
      dispatch,
      recipient: {
        state: row.copy_state!,
        deliveredAt: row.copy_delivered_at,
        recallState: row.copy_recall_state,
      },
    };
  }
  const notice: DeliveredNoticeFacts = {
    id: row.notice_id!,
    dispatchId: row.dispatch_id,
    recipientCode: row.notice_recipient_code,
    authorCode: row.notice_author_code,
    addresseeCode: row.notice_addressee_code,
    noticeId: row.notice_author_id,
    statusCode: row.notice_status_code,
    reason: row.notice_reason,
    staff: row.notice_staff,
    noticedAt: row.notice_noticed_at,
    recordedAt: row.notice_recorded_at,
    requestDigest: row.notice_request_digest,
    deliverySeq,
    deliveredAt: row.notice_delivered_at,
    envelopeSignature: row.notice_envelope_signature,
    // In an inbox, so delivered: never given up.
    skippedAt: null,
    skipReason: null,
  };
  return { kind: 'status', deliverySeq, dispatch, notice };
}
