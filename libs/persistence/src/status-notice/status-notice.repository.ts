import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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
import { StatusNoticeEntity } from './status-notice.entity';

export type NewStatusNotice = Omit<
  StatusNoticeEntity,
  | 'recordedAt'
  | 'deliverySeq'
  | 'deliveredAt'
  | 'readyAt'
  | 'skippedAt'
  | 'skipReason'
  | 'dispatch'
  | 'author'
  | 'addressee'
>;

/** A notice's message that reached the router (or that an operator discarded). */
export interface StatusNoticeDelivery {
  statusNoticeId: string;
  /** Whose inbox: the message says, and the notice must agree. */
  addresseeCode: string;
  /** The consumer's idempotency mark (see processedMarkCte). */
  mark: ProcessedMark;
  /**
   * Checked `status.delivered` template; the statement writes one per notice delivered, with
   * its own id and the notice's facts (dispatch, sender, recipient, author, addressee, code,
   * position) in the payload.
   */
  announcement: OutboxRow;
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

  async insert(manager: EntityManager, notice: NewStatusNotice): Promise<void> {
    await manager.insert(StatusNoticeEntity, notice);
  }

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StatusNoticeEntity | null> {
    return manager.findOneBy(StatusNoticeEntity, { id });
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
   * An operator discarded a notice's parked message: the notice is given up (`skipped_at`, the
   * reason kept as the gap in the addressee's inbox) and the ready notices that waited behind it
   * are delivered, as `deliver` would have. Nothing changes for a notice already delivered or
   * given up. Call it inside a transaction, like `deliver`.
   */
  async skip(
    manager: EntityManager,
    skip: Omit<StatusNoticeDelivery, 'mark'> & { reason: string },
  ): Promise<DeliveredStatusNotice[]> {
    await this.lockInbox(manager, skip.addresseeCode);
    return this.release(manager, skip, skip.reason);
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
   * announces each delivery (`status.delivered`, the template completed per notice). The notice
   * itself is read as ready (or gone) inside the statement, whose snapshot does not show its own
   * ready mark. Positions come from `nextval` evaluated after the ORDER BY (PostgreSQL evaluates
   * volatile output expressions after sorting), so they follow the order given.
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
                   s.status_code, s.delivery_seq
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
                $8::jsonb, $9::smallint, $10
           FROM delivered d JOIN dispatches x ON x.id = d.dispatch_id
       )
       SELECT id, delivery_seq FROM delivered ORDER BY delivery_seq`),
      [release.statusNoticeId, release.addresseeCode, skipReason, ...template],
    );
    return unwrapRows(rows).map((row) => ({ id: row.id, deliverySeq: Number(row.delivery_seq) }));
  }
}
