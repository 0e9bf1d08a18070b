import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { DispatchRecipientEntity } from '../dispatch/dispatch-recipient.entity';
import { DispatchEntity } from '../dispatch/dispatch.entity';
import { StatusNoticeEntity } from '../status-notice/status-notice.entity';

/** One thing in an agency's inbox, at its inbox position. */
export type InboxEntry =
  | {
      kind: 'dispatch';
      deliverySeq: number;
      dispatch: DispatchEntity;
      recipient: DispatchRecipientEntity;
    }
  | { kind: 'status'; deliverySeq: number; dispatch: DispatchEntity; notice: StatusNoticeEntity };

interface InboxRow {
  kind: 'dispatch' | 'status';
  seq: string;
  dispatch_id: string;
  notice_id: string | null;
}

/**
 * An agency's inbox: the dispatches delivered to it (unless recalled before it fetched them) and
 * the status notices addressed to it, in one order. Both take their positions from the one
 * `delivery_seq` sequence, so a single cursor pages through both.
 */
@Injectable()
export class InboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page after the given position, oldest first. */
  async page(agencyCode: string, afterSeq: number, limit: number): Promise<InboxEntry[]> {
    const rows: InboxRow[] = await this.dataSource.query(
      `SELECT kind, seq, dispatch_id, notice_id FROM (
           SELECT 'dispatch' AS kind, r.delivery_seq AS seq, r.dispatch_id, NULL::uuid AS notice_id
             FROM dispatch_recipients r
            WHERE r.recipient_code = $1 AND r.delivery_seq > $2 AND r.state <> 'recalled'
           UNION ALL
           SELECT 'status', n.delivery_seq, n.dispatch_id, n.id
             FROM status_notices n
            WHERE n.addressee_code = $1 AND n.delivery_seq > $2
         ) inbox
       ORDER BY seq
       LIMIT $3`,
      [agencyCode, afterSeq, limit],
    );
    if (rows.length === 0) return [];
    const manager = this.dataSource.manager;
    const dispatchIds = [...new Set(rows.map((row) => row.dispatch_id))];
    const noticeIds = rows.flatMap((row) => (row.notice_id ? [row.notice_id] : []));
    const [dispatches, recipients, notices] = await Promise.all([
      manager.findBy(DispatchEntity, { id: In(dispatchIds) }),
      manager.findBy(DispatchRecipientEntity, {
        dispatchId: In(dispatchIds),
        recipientCode: agencyCode,
      }),
      noticeIds.length ? manager.findBy(StatusNoticeEntity, { id: In(noticeIds) }) : [],
    ]);
    const dispatchById = new Map(dispatches.map((d) => [d.id, d]));
    const recipientByDispatch = new Map(recipients.map((r) => [r.dispatchId, r]));
    const noticeById = new Map(notices.map((n) => [n.id, n]));
    return rows.map((row): InboxEntry => {
      const dispatch = dispatchById.get(row.dispatch_id)!;
      const deliverySeq = Number(row.seq);
      if (row.kind === 'status') {
        return { kind: 'status', deliverySeq, dispatch, notice: noticeById.get(row.notice_id!)! };
      }
      return {
        kind: 'dispatch',
        deliverySeq,
        dispatch,
        recipient: recipientByDispatch.get(row.dispatch_id)!,
      };
    });
  }
}
