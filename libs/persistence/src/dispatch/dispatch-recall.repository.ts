import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { unwrapRows } from '../database/update-returning-rows';
import { UUID_V7_SQL } from '../database/uuid';
import { OUTBOX_ROW_COLUMNS, type OutboxRow, outboxRowParams } from '../outbox/outbox-row';
import type { DispatchState, RecipientState } from './dispatch-state';

/** Status code of the sender's recall request (Lấy lại), sent to each recipient that has it. */
export const RECALL_REQUEST_CODE = '13';

/**
 * A copy the recipient has in its system, so a recall asks it (NĐ 30/2020, art. 18.4.b) instead of
 * withdrawing it: a file was downloaded, or the recipient reported a status on it (01 "arrived"
 * and on: an edXML system reads the packet, PDFs inside, without downloading a file). A copy it
 * refused (02, Từ chối tiếp nhận) never entered its system, downloaded or not: there is nothing
 * to cancel and no answer to wait for, so it is withdrawn.
 */
const HAS_IT = `((r.state IN ('fetched', 'acknowledged') OR r.status_code IS NOT NULL)
                 AND r.status_code IS DISTINCT FROM '02')`;

/** What `DispatchRecallRepository.recall` is asked to do. */
export interface DispatchRecall {
  dispatchId: string;
  /** The calling agency: the dispatch is recalled only when it is its sender. */
  callerCode: string;
  reason: string;
  recalledAt: Date;
  /** Digest of the recall request, kept on each recall request notice (13). */
  requestDigest: string;
  correlationId: string;
  /**
   * Checked `status.noticed` template of a recall request (13); the statement writes one per
   * recipient asked, with its own id, and fills in `recipientCode`, `addresseeCode` and
   * `statusNoticeId`.
   */
  requestAnnouncement: OutboxRow;
  /**
   * Checked `dispatch.recalled` template; the statement fills in `withdrawnFrom`,
   * `withdrawnFromInbox` and `requestedFrom`.
   */
  announcement: OutboxRow;
}

/** What the recall statement read and did. */
export interface DispatchRecallOutcome {
  /** The dispatch as the statement read it, before its change; null when there is none. */
  dispatch: { senderCode: string; state: DispatchState; recalledAt: Date | null } | null;
  /** The caller's copy's state as read; null when it is not a recipient. */
  callerState: RecipientState | null;
  /** Set when this call recalled it: recipient codes, sorted. */
  recalled: { withdrawnFrom: string[]; requestedFrom: string[] } | null;
}

interface RecallRow {
  party: {
    sender_code: string;
    state: DispatchState;
    recalled_at: string | null;
    caller_state: RecipientState | null;
  } | null;
  recalled: boolean;
  withdrawn: string[];
  requested: string[];
}

/** The sender's recall (thu hồi) of a dispatch. */
@Injectable()
export class DispatchRecallRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Recalls a dispatch in one statement (atomic without an explicit transaction), when the caller
   * is its sender, it is not recalled yet and the verifier did not reject it: records when and
   * why on the dispatch; every copy the recipient does not have yet (not fetched, no status
   * reported) is withdrawn (recalled); every copy it has (HAS_IT) gets a pending recall request,
   * recorded as a status notice 13 from the sender to that recipient with its `status.noticed`
   * message; and the `dispatch.recalled` event names both groups. What it read (the dispatch, the
   * caller's copy) answers the caller's refusals.
   *
   * One UPDATE decides each copy on its latest version: it locks the copy and re-checks it after
   * a concurrent download or status notice commits, so a copy fetched or noticed meanwhile is
   * asked, not withdrawn (two UPDATEs in one statement would share its snapshot and miss it). The
   * dispatch row is updated first (the copies' UPDATE reads its result), which serialises a
   * recall with another and with
   * the router's routing statement: routed first, its queued copies are withdrawn; recalled
   * first, the router ends the dispatch as withdrawn.
   */
  async recall(recall: DispatchRecall): Promise<DispatchRecallOutcome> {
    const { requestAnnouncement: request } = recall;
    const rows: RecallRow[] | [RecallRow[], number] = await this.dataSource.query(
      `WITH party AS (
         SELECT d.sender_code, d.state, d.recalled_at, r.state AS caller_state
           FROM dispatches d
           LEFT JOIN dispatch_recipients r ON r.dispatch_id = d.id AND r.recipient_code = $2
          WHERE d.id = $1
       ), recalled AS (
         UPDATE dispatches SET recalled_at = $4, recall_reason = $3, updated_at = now()
          WHERE id = $1 AND sender_code = $2 AND recalled_at IS NULL AND state <> 'rejected'
          RETURNING id, sender_code
       ), moved AS (
         UPDATE dispatch_recipients r
            SET state = CASE WHEN ${HAS_IT} THEN r.state ELSE 'recalled' END,
                recall_state = CASE WHEN ${HAS_IT} THEN 'requested' ELSE r.recall_state END,
                recalled_at = $4
           FROM recalled c
          WHERE r.dispatch_id = c.id
            AND (r.state IN ('pending', 'queued', 'delivered')
                 OR (r.state IN ('fetched', 'acknowledged') AND r.recall_state IS NULL))
         RETURNING r.recipient_code, r.state = 'recalled' AS withdrawn,
                   r.delivered_at IS NOT NULL AS in_inbox
       ), noticed AS (
         INSERT INTO status_notices (id, dispatch_id, recipient_code, author_code, addressee_code,
           notice_id, status_code, reason, staff, noticed_at, request_digest, correlation_id)
         -- One recall per dispatch, so this notice id is unique per sender as the index requires.
         SELECT ${UUID_V7_SQL}, $1, m.recipient_code, $2, m.recipient_code,
                'recall:' || $1 || ':' || m.recipient_code, '${RECALL_REQUEST_CODE}', $3, NULL,
                $4, $5, $6
           FROM moved m WHERE NOT m.withdrawn
         RETURNING id, recipient_code
       ), requests AS (
         INSERT INTO outbox_messages (${OUTBOX_ROW_COLUMNS})
         SELECT ${UUID_V7_SQL}, $7, $8, $9,
                $10::jsonb || jsonb_build_object('recipientCode', n.recipient_code,
                  'addresseeCode', n.recipient_code, 'statusNoticeId', n.id),
                $11::jsonb, $12::smallint, $6
           FROM noticed n
       ), announced AS (
         INSERT INTO outbox_messages (${OUTBOX_ROW_COLUMNS})
         SELECT $13::uuid, $14, $15, $16,
                $17::jsonb || jsonb_build_object(
                  'withdrawnFrom', (SELECT COALESCE(jsonb_agg(recipient_code ORDER BY recipient_code), '[]')
                                      FROM moved WHERE withdrawn),
                  'withdrawnFromInbox', (SELECT COALESCE(jsonb_agg(recipient_code ORDER BY recipient_code), '[]')
                                           FROM moved WHERE withdrawn AND in_inbox),
                  'requestedFrom', (SELECT COALESCE(jsonb_agg(recipient_code ORDER BY recipient_code), '[]')
                                      FROM moved WHERE NOT withdrawn)),
                $18::jsonb, $19::smallint, $20
           FROM recalled
       )
       SELECT (SELECT row_to_json(party) FROM party) AS party,
              EXISTS (SELECT 1 FROM recalled) AS recalled,
              ARRAY(SELECT recipient_code FROM moved WHERE withdrawn ORDER BY 1) AS withdrawn,
              ARRAY(SELECT recipient_code FROM moved WHERE NOT withdrawn ORDER BY 1) AS requested`,
      [
        recall.dispatchId,
        recall.callerCode,
        recall.reason,
        recall.recalledAt,
        recall.requestDigest,
        recall.correlationId,
        request.destination,
        request.routingKey,
        request.messageType,
        request.payload,
        request.headers,
        request.priority,
        ...outboxRowParams(recall.announcement),
      ],
    );
    const [row] = unwrapRows(rows);
    const { party } = row;
    return {
      dispatch: party && {
        senderCode: party.sender_code,
        state: party.state,
        recalledAt: party.recalled_at === null ? null : new Date(party.recalled_at),
      },
      callerState: party?.caller_state ?? null,
      recalled: row.recalled
        ? { withdrawnFrom: row.withdrawn, requestedFrom: row.requested }
        : null,
    };
  }
}
