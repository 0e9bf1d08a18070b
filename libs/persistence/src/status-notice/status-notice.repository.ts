import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ReceivedTraceEntry } from '@docaxis/edxml/packet/received-trace';
import { unwrapRows } from '../database/update-returning-rows';
import { INBOX_POSITION_LOCK_SPACE } from '../dispatch/dispatch.repository';
import { preparedStatement } from '../database/prepared-statements';
import { UUID_V7_SQL } from '../database/uuid';
import { OUTBOX_ROW_COLUMNS, type OutboxRow, outboxRowParams } from '../outbox/outbox-row';
import {
  type ProcessedMark,
  processedMarkCte,
  processedMarkParams,
} from '../processed-message/processed-mark';
import { type StaffInfo, StatusNoticeEntity } from './status-notice.entity';

export type NewStatusNotice = Omit<
  StatusNoticeEntity,
  | 'recordedAt'
  | 'deliverySeq'
  | 'deliveredAt'
  | 'readyAt'
  | 'skippedAt'
  | 'skipReason'
  | 'correlationId'
  | 'envelopeSignature'
  | 'incomingTrace'
  | 'dispatch'
  | 'author'
  | 'addressee'
> & { correlationId?: string | null; incomingTrace?: ReceivedTraceEntry[] | null };

/** One way a recipient's state may move: from (status, recall) to (status, recall). */
export interface RecipientStatusMove {
  from: { statusCode: string | null; recallState: string | null };
  to: { statusCode: string | null; recallState: string | null };
}

/** A recipient's notice to record, with what decides whether it may be recorded. */
export interface StatusNoticeRecording {
  /** The addressee is the dispatch's sender, as the statement reads it. */
  notice: Omit<NewStatusNotice, 'addresseeCode' | 'noticedAt'> & {
    noticedAt: Date | null;
    /** The XML signature report of the status packet it came from; null for JSON. */
    envelopeSignature: Record<string, unknown> | null;
  };
  /** Recipient states in which the recipient may send notices. */
  visibleStates: readonly string[];
  /** Every move the notice's code allows (the gateway's status machine decides them). */
  moves: readonly RecipientStatusMove[];
  /** Checked `status.noticed` template; the statement sets senderCode and addresseeCode. */
  announcement: OutboxRow;
}

/** What the recording statement saw and did. */
export interface StatusNoticeRecordingOutcome {
  /** The dispatch's sender; null when there is no such dispatch. */
  senderCode: string | null;
  /** The author's copy as it was, null when it is not a recipient. */
  recipient: { state: string; statusCode: string | null; recallState: string | null } | null;
  /** The notice the author already sent under this notice id: nothing else was done. */
  replay: StatusNoticeEntity | null;
  /** The notice recorded (the recipient's state moved, the announcement written). */
  recorded: StatusNoticeEntity | null;
}

/** A notice's message that reached the router (or that an operator discarded). */
export interface StatusNoticeDelivery {
  statusNoticeId: string;
  /** Whose inbox: the message says, and the notice must agree. */
  addresseeCode: string;
  /** The consumer's idempotency mark (see processedMarkCte). */
  mark: ProcessedMark;
  /**
   * Checked `status.delivered` template; the statement writes one per notice delivered, with
   * its own id, the notice's facts (dispatch, sender, recipient, author, addressee, code,
   * position) in the payload and the notice's own correlation id (this one's as a fallback).
   */
  announcement: OutboxRow;
}

/** A notice whose message never reached the router, holding back ready notices behind it. */
export interface BlockingStatusNotice {
  notice: StatusNoticeEntity;
  /** Ready notices of its (dispatch, recipient, addressee), recorded after it, that wait. */
  waiting: number;
  /** When the first of them became ready. */
  waitingSince: Date;
}

/** A notice that took an inbox position. */
export interface DeliveredStatusNotice {
  id: string;
  deliverySeq: number;
}

/**
 * Status notices. Writes take the caller's EntityManager: a notice commits together with the
 * recipient state it changes and the outbox message that announces it.
 */
@Injectable()
export class StatusNoticeRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StatusNoticeEntity | null> {
    return manager.findOneBy(StatusNoticeEntity, { id });
  }

  /**
   * Records a recipient's notice in one statement (atomic without an explicit transaction): reads
   * the dispatch's sender and the recipient's copy (for the caller's access and refusal
   * answers), and the notice already sent under the notice id; unless there is one, moves the
   * copy along the one of `moves` that starts where it stands (when it is visible), inserts the
   * notice with the time of that move and writes its announcement. The UPDATE locks the copy and
   * re-checks the move on the copy's latest version (a concurrent notice of the same recipient
   * commits first, or this one finds its own move no longer applies and moves nothing), so a
   * recipient's notices are recorded one at a time, in `recorded_at` order: the time is taken
   * once the row lock is held (clock_timestamp), which the router's delivery order relies on.
   * Reading the copy in the same statement cannot show a concurrent change: when nothing moved
   * although the copy as read allowed a move, the caller asks again.
   * A second insert of the same notice id (two identical requests racing) fails on
   * uq_status_notices_notice_id and changes nothing.
   */
  async record(recording: StatusNoticeRecording): Promise<StatusNoticeRecordingOutcome> {
    const { notice, moves, announcement } = recording;
    type Row = {
      party: {
        sender_code: string;
        state: string | null;
        status_code: string | null;
        recall_state: string | null;
      } | null;
      replay: StatusNoticeJson | null;
      recorded: StatusNoticeJson | null;
    };
    const rows: Row[] | [Row[], number] = await this.dataSource.query(
      preparedStatement(`WITH party AS (
         SELECT d.sender_code, r.state, r.status_code, r.recall_state
           FROM dispatches d
           LEFT JOIN dispatch_recipients r ON r.dispatch_id = d.id AND r.recipient_code = $2
          WHERE d.id = $1
       ), replay AS (
         SELECT * FROM status_notices WHERE author_code = $2 AND notice_id = $3
       ), moved AS (
         UPDATE dispatch_recipients r
            SET status_code = m.to_status, recall_state = m.to_recall,
                status_at = clock_timestamp()
           FROM unnest($4::text[], $5::text[], $6::text[], $7::text[])
                  AS m(from_status, from_recall, to_status, to_recall)
          WHERE r.dispatch_id = $1 AND r.recipient_code = $2 AND r.state::text = ANY($8::text[])
            AND r.status_code IS NOT DISTINCT FROM m.from_status
            AND r.recall_state IS NOT DISTINCT FROM m.from_recall
            AND NOT EXISTS (SELECT 1 FROM replay)
         RETURNING r.status_at
       ), recorded AS (
         INSERT INTO status_notices (id, dispatch_id, recipient_code, author_code, addressee_code,
           notice_id, status_code, reason, staff, noticed_at, recorded_at, request_digest,
           correlation_id, envelope_signature, incoming_trace)
         SELECT $9::uuid, $1, $2, $2, p.sender_code, $3, $10, $11, $12::jsonb,
                COALESCE($13::timestamptz, m.status_at), m.status_at, $14, $22, $23::jsonb, $24::jsonb
           FROM moved m, party p
         RETURNING *
       ), announced AS (
         INSERT INTO outbox_messages (${OUTBOX_ROW_COLUMNS})
         SELECT $15::uuid, $16, $17, $18,
                $19::jsonb || jsonb_build_object('senderCode', addressee_code,
                                                 'addresseeCode', addressee_code),
                $20::jsonb, $21::smallint, $22
           FROM recorded
       )
       SELECT (SELECT row_to_json(party) FROM party) AS party,
              (SELECT row_to_json(replay) FROM replay) AS replay,
              (SELECT row_to_json(recorded) FROM recorded) AS recorded`),
      [
        notice.dispatchId,
        notice.authorCode,
        notice.noticeId,
        moves.map((move) => move.from.statusCode),
        moves.map((move) => move.from.recallState),
        moves.map((move) => move.to.statusCode),
        moves.map((move) => move.to.recallState),
        [...recording.visibleStates],
        notice.id,
        notice.statusCode,
        notice.reason,
        notice.staff === null ? null : JSON.stringify(notice.staff),
        notice.noticedAt,
        notice.requestDigest,
        ...outboxRowParams(announcement),
        notice.envelopeSignature ? JSON.stringify(notice.envelopeSignature) : null,
        notice.incomingTrace ? JSON.stringify(notice.incomingTrace) : null,
      ],
    );
    const [row] = unwrapRows(rows);
    const party = row.party;
    return {
      senderCode: party?.sender_code ?? null,
      recipient:
        party?.state == null
          ? null
          : { state: party.state, statusCode: party.status_code, recallState: party.recall_state },
      replay: row.replay && statusNoticeOf(row.replay),
      recorded: row.recorded && statusNoticeOf(row.recorded),
    };
  }

  /** The notice an author already sent under this id, if any (idempotent replays). */
  async findByNoticeId(
    authorCode: string,
    noticeId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StatusNoticeEntity | null> {
    return manager.findOneBy(StatusNoticeEntity, { authorCode, noticeId });
  }

  /** A dispatch's notices in the order they were recorded; one recipient's only when given. */
  async listForDispatch(dispatchId: string, recipientCode?: string): Promise<StatusNoticeEntity[]> {
    return this.dataSource.getRepository(StatusNoticeEntity).find({
      where: recipientCode ? { dispatchId, recipientCode } : { dispatchId },
      order: { recordedAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * The router got a notice's `status.noticed` message: records the consumer's mark, makes the
   * notice ready and delivers, in the order given, every ready notice of its (dispatch, recipient,
   * addressee) that nothing undelivered precedes: this one when it is next, and the ones that
   * arrived before it and waited for it. A notice whose predecessor is not delivered yet just
   * stays ready (nothing thrown, nothing retried): the predecessor's delivery releases it.
   * `duplicate` when the message was already processed (nothing changed). Call it inside a
   * transaction: the inbox lock must outlast both statements (see `lockInbox`).
   */
  async deliver(
    manager: EntityManager,
    delivery: StatusNoticeDelivery,
  ): Promise<{ duplicate: boolean; delivered: DeliveredStatusNotice[] }> {
    const locked: unknown[] | [unknown[], number] = await manager.query(
      preparedStatement(`WITH ${processedMarkCte(1)}
       SELECT pg_advisory_xact_lock($3, hashtext($4)) FROM processed`),
      [...processedMarkParams(delivery.mark), INBOX_POSITION_LOCK_SPACE, delivery.addresseeCode],
    );
    if (unwrapRows(locked).length === 0) return { duplicate: true, delivered: [] };
    return { duplicate: false, delivered: await this.release(manager, delivery, null) };
  }

  /**
   * An operator discarded a notice's parked message, or skipped the notice itself: the notice is
   * given up (`skipped_at`, the reason kept as the gap in the addressee's inbox) and the ready
   * notices that waited behind it are delivered, as `deliver` would have. Nothing changes for a
   * notice already delivered or given up. Call it inside a transaction, like `deliver`.
   */
  async skip(
    manager: EntityManager,
    skip: Omit<StatusNoticeDelivery, 'mark'> & { reason: string },
  ): Promise<DeliveredStatusNotice[]> {
    await this.lockInbox(manager, skip.addresseeCode);
    return this.release(manager, skip, skip.reason);
  }

  /**
   * Notices that hold others back, oldest first: not delivered, not given up and not ready (their
   * `status.noticed` never reached the router: late, or parked), with ready notices of the same
   * (dispatch, recipient, addressee) recorded after them. Reads only undelivered notices (the
   * partial index ix_status_notices_undelivered), few when the axis is healthy.
   */
  async blocking(limit: number): Promise<BlockingStatusNotice[]> {
    const rows: { notice: StatusNoticeJson; waiting: number; waiting_since: Date }[] =
      await this.dataSource.query(
        `SELECT row_to_json(b) AS notice, w.waiting, w.waiting_since
           FROM status_notices b
           CROSS JOIN LATERAL (
             SELECT count(*)::int AS waiting, min(s.ready_at) AS waiting_since
               FROM status_notices s
              WHERE ${READY_BEHIND_B}
           ) w
          WHERE b.delivery_seq IS NULL AND b.skipped_at IS NULL AND b.ready_at IS NULL
            AND w.waiting > 0
          ORDER BY b.recorded_at, b.id
          LIMIT $1`,
        [limit],
      );
    return rows.map((row) => ({
      notice: statusNoticeOf(row.notice),
      waiting: row.waiting,
      waitingSince: row.waiting_since,
    }));
  }

  /**
   * How many ready notices wait behind this one (same dispatch, recipient and addressee, recorded
   * after it, neither delivered nor given up): what it holds back, counted as `blocking` counts.
   * Under the inbox lock (`findLockingInbox`) the count stays as read until the transaction ends.
   */
  async waitingBehind(manager: EntityManager, id: string): Promise<number> {
    const [row]: { waiting: number }[] = await manager.query(
      `SELECT count(*)::int AS waiting
         FROM status_notices b JOIN status_notices s ON ${READY_BEHIND_B}
        WHERE b.id = $1`,
      [id],
    );
    return row?.waiting ?? 0;
  }

  /**
   * Reads a notice under its addressee's inbox lock (held until the transaction ends), for an
   * operator about to give it up: deliveries and skips into that inbox wait meanwhile, so whether
   * it is ready, delivered or given up stays as read until the decision commits. Null when there
   * is no such notice.
   */
  async findLockingInbox(manager: EntityManager, id: string): Promise<StatusNoticeEntity | null> {
    const notice = await this.findById(id, manager);
    if (!notice) return null;
    await this.lockInbox(manager, notice.addresseeCode);
    // Read again: the first read may predate a delivery that committed before the lock was ours.
    return this.findById(id, manager);
  }

  /**
   * Takes the addressee's inbox lock, the one dispatch deliveries take, until the transaction
   * ends. Deliveries to one inbox then take their positions one transaction at a time, so
   * positions become visible in order (see DispatchRepository.deliver); and because it is taken in
   * its own statement, before `release` starts, release's snapshot shows everything the previous
   * holders committed. That is what makes a single `release` statement safe with two routers: of
   * two notices of one recipient handled at once, whichever takes the lock second sees the other's
   * ready mark or delivery, so a ready notice cannot be left behind by a predecessor's delivery
   * that did not see it (row locks would not do: a statement's snapshot predates them).
   */
  private async lockInbox(manager: EntityManager, addresseeCode: string): Promise<void> {
    await manager.query(preparedStatement(`SELECT pg_advisory_xact_lock($1, hashtext($2))`), [
      INBOX_POSITION_LOCK_SPACE,
      addresseeCode,
    ]);
  }

  /**
   * One statement, under the inbox lock: marks the notice ready (or, with a skip reason, gives it
   * up), then gives inbox positions, in the order the notices were recorded, to the ready notices
   * of its (dispatch, recipient, addressee) that no waiting (not ready) notice precedes, and
   * announces each delivery (`status.delivered`, the template completed per notice, under the
   * correlation id of the request that recorded that notice: the template's only for notices
   * recorded before notices kept theirs). The notice itself is read as ready (or gone) inside the
   * statement, whose snapshot does not show its own ready mark. Positions come from `nextval`
   * evaluated after the ORDER BY (PostgreSQL evaluates volatile output expressions after
   * sorting), so they follow the order given.
   */
  private async release(
    manager: EntityManager,
    release: Omit<StatusNoticeDelivery, 'mark'>,
    skipReason: string | null,
  ): Promise<DeliveredStatusNotice[]> {
    const [, ...template] = outboxRowParams(release.announcement);
    const rows: { id: string; delivery_seq: string }[] | [never[], number] = await manager.query(
      preparedStatement(`WITH this AS (
         SELECT id, dispatch_id, recipient_code, addressee_code FROM status_notices
          WHERE id = $1 AND addressee_code = $2
       ), waiting AS (
         SELECT s.id, s.recorded_at,
                s.ready_at IS NOT NULL OR (s.id = $1 AND $3::text IS NULL) AS ready
           FROM status_notices s JOIN this t
             ON s.dispatch_id = t.dispatch_id AND s.recipient_code = t.recipient_code
            AND s.addressee_code = t.addressee_code
          WHERE s.delivery_seq IS NULL AND s.skipped_at IS NULL
            AND NOT (s.id = $1 AND $3::text IS NOT NULL)
       ), positioned AS (
         SELECT w.id, nextval('delivery_seq') AS delivery_seq FROM waiting w
          WHERE w.ready AND NOT EXISTS (
                  SELECT 1 FROM waiting e
                   WHERE NOT e.ready AND (e.recorded_at, e.id) < (w.recorded_at, w.id))
          ORDER BY w.recorded_at, w.id
       ), delivered AS (
         UPDATE status_notices s
            SET delivery_seq = p.delivery_seq, delivered_at = now(),
                ready_at = coalesce(s.ready_at, now())
           FROM positioned p
          WHERE s.id = p.id
         RETURNING s.id, s.dispatch_id, s.recipient_code, s.author_code, s.addressee_code,
                   s.status_code, s.delivery_seq, s.correlation_id
       ), marked AS (
         UPDATE status_notices
            SET ready_at = CASE WHEN $3::text IS NULL THEN now() ELSE ready_at END,
                skipped_at = CASE WHEN $3::text IS NULL THEN NULL ELSE now() END,
                skip_reason = $3::text
          WHERE id IN (SELECT id FROM this) AND delivery_seq IS NULL AND skipped_at IS NULL
            AND (ready_at IS NULL OR $3::text IS NOT NULL)
            AND id NOT IN (SELECT id FROM positioned)
       ), announced AS (
         INSERT INTO outbox_messages (${OUTBOX_ROW_COLUMNS})
         SELECT ${UUID_V7_SQL}, $4, $5, $6,
                $7::jsonb || jsonb_build_object('dispatchId', d.dispatch_id,
                  'senderCode', x.sender_code, 'recipientCode', d.recipient_code,
                  'statusNoticeId', d.id, 'authorCode', d.author_code,
                  'addresseeCode', d.addressee_code, 'statusCode', d.status_code,
                  'deliverySeq', d.delivery_seq),
                $8::jsonb, $9::smallint, COALESCE(d.correlation_id, $10)
           FROM delivered d JOIN dispatches x ON x.id = d.dispatch_id
       )
       SELECT id, delivery_seq FROM delivered ORDER BY delivery_seq`),
      [release.statusNoticeId, release.addresseeCode, skipReason, ...template],
    );
    return unwrapRows(rows).map((row) => ({ id: row.id, deliverySeq: Number(row.delivery_seq) }));
  }
}

/**
 * `s` is a ready notice waiting behind notice `b`: of the same (dispatch, recipient, addressee),
 * recorded after it, neither delivered nor given up.
 */
const READY_BEHIND_B = `s.dispatch_id = b.dispatch_id AND s.recipient_code = b.recipient_code
                AND s.addressee_code = b.addressee_code
                AND s.delivery_seq IS NULL AND s.skipped_at IS NULL AND s.ready_at IS NOT NULL
                AND (s.recorded_at, s.id) > (b.recorded_at, b.id)`;

/** A `status_notices` row as row_to_json writes it. */
interface StatusNoticeJson {
  id: string;
  dispatch_id: string;
  recipient_code: string;
  author_code: string;
  addressee_code: string;
  notice_id: string;
  status_code: string;
  reason: string | null;
  staff: StaffInfo | null;
  noticed_at: string;
  recorded_at: string;
  request_digest: string;
  delivery_seq: number | null;
  delivered_at: string | null;
  ready_at: string | null;
  skipped_at: string | null;
  skip_reason: string | null;
  correlation_id: string | null;
  envelope_signature: Record<string, unknown> | null;
  incoming_trace: ReceivedTraceEntry[] | null;
}

function statusNoticeOf(row: StatusNoticeJson): StatusNoticeEntity {
  const date = (text: string | null) => (text === null ? null : new Date(text));
  return Object.assign(new StatusNoticeEntity(), {
    id: row.id,
    dispatchId: row.dispatch_id,
    recipientCode: row.recipient_code,
    authorCode: row.author_code,
    addresseeCode: row.addressee_code,
    noticeId: row.notice_id,
    statusCode: row.status_code,
    reason: row.reason,
    staff: row.staff,
    noticedAt: new Date(row.noticed_at),
    recordedAt: new Date(row.recorded_at),
    requestDigest: row.request_digest,
    deliverySeq: row.delivery_seq,
    deliveredAt: date(row.delivered_at),
    readyAt: date(row.ready_at),
    skippedAt: date(row.skipped_at),
    skipReason: row.skip_reason,
    correlationId: row.correlation_id,
    envelopeSignature: row.envelope_signature,
    incomingTrace: row.incoming_trace,
  });
}
