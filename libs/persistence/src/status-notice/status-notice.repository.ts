import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { unwrapRows } from '../database/update-returning-rows';
import { INBOX_POSITION_LOCK_SPACE } from '../dispatch/dispatch.repository';
import { EarlierStatusNoticePendingError } from './earlier-status-notice-pending.error';
import { StatusNoticeEntity } from './status-notice.entity';

export type NewStatusNotice = Omit<
  StatusNoticeEntity,
  'recordedAt' | 'deliverySeq' | 'deliveredAt' | 'dispatch' | 'author' | 'addressee'
>;

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
   * Puts a notice into its addressee's inbox, taking the next inbox position. Returns the
   * position, or null when it was already delivered (a redelivered message). Takes the same
   * per-addressee lock as dispatch deliveries, so positions in one inbox become visible in order,
   * and refuses (EarlierStatusNoticePendingError, retried) while an earlier notice of the same
   * recipient to the same addressee has no position yet, so notices keep the order given.
   */
  async deliver(manager: EntityManager, id: string): Promise<number | null> {
    const notice = await manager.findOneBy(StatusNoticeEntity, { id });
    if (!notice || notice.deliverySeq !== null) return null;
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
      INBOX_POSITION_LOCK_SPACE,
      notice.addresseeCode,
    ]);
    // Under the lock no earlier notice can be taking its position now: if one still has none,
    // this one arrived first and must wait (retried), or the inbox would show 05 before 04.
    const earlier: unknown[] = await manager.query(
      `SELECT 1 FROM status_notices earlier
         JOIN status_notices this ON this.id = $1
        WHERE earlier.dispatch_id = this.dispatch_id
          AND earlier.recipient_code = this.recipient_code
          AND earlier.addressee_code = this.addressee_code
          AND earlier.delivery_seq IS NULL
          AND (earlier.recorded_at, earlier.id) < (this.recorded_at, this.id)
        LIMIT 1`,
      [id],
    );
    if (earlier.length > 0) throw new EarlierStatusNoticePendingError(id);
    const rows: { delivery_seq: string }[] = await manager.query(
      `UPDATE status_notices
         SET delivery_seq = nextval('delivery_seq'), delivered_at = now()
       WHERE id = $1 AND delivery_seq IS NULL
       RETURNING delivery_seq`,
      [id],
    );
    const [row] = unwrapRows(rows);
    return row ? Number(row.delivery_seq) : null;
  }
}
