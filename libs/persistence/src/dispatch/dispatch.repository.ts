import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, LessThan, Not } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DispatchFileEntity } from './dispatch-file.entity';
import { DispatchRecipientEntity } from './dispatch-recipient.entity';
import type { RecipientState } from './dispatch-state';
import { DispatchEntity } from './dispatch.entity';
import { unwrapRows } from '../database/update-returning-rows';

export interface NewDispatch {
  dispatch: Omit<
    DispatchEntity,
    | 'createdAt'
    | 'updatedAt'
    | 'files'
    | 'recipients'
    | 'sender'
    | 'replaces'
    | 'replacesDispatchId'
    | 'recalledAt'
    | 'recallReason'
  > & { replacesDispatchId?: string | null };
  files: Omit<DispatchFileEntity, 'dispatch'>[];
  recipientCodes: readonly string[];
}

/** First key of the per-recipient advisory lock that orders inbox positions (see `deliver`). */
export const INBOX_POSITION_LOCK_SPACE = 4_242_101;

/**
 * Dispatches, their files and their recipients. Methods taking an EntityManager run inside the
 * caller's transaction (the outbox row must commit with the state change it announces).
 */
@Injectable()
export class DispatchRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, input: NewDispatch): Promise<void> {
    // jsonb columns typed as records trip TypeORM's deep-partial typing; the shapes are the entity's.
    await manager.insert(DispatchEntity, input.dispatch as QueryDeepPartialEntity<DispatchEntity>);
    await manager.insert(
      DispatchFileEntity,
      input.files as QueryDeepPartialEntity<DispatchFileEntity>[],
    );
    await manager.insert(
      DispatchRecipientEntity,
      input.recipientCodes.map((recipientCode) => ({
        dispatchId: input.dispatch.id,
        recipientCode,
        state: 'pending' as const,
      })),
    );
  }

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DispatchEntity | null> {
    return manager.findOne(DispatchEntity, {
      where: { id },
      relations: { files: true, recipients: true },
      order: { files: { ordinal: 'ASC' }, recipients: { recipientCode: 'ASC' } },
    });
  }

  /**
   * One page of what an agency sent, newest first, with every recipient: dispatches older than
   * `beforeId` (ids are UUIDv7, so id order is acceptance order).
   */
  async sentPage(
    senderCode: string,
    beforeId: string | null,
    limit: number,
  ): Promise<DispatchEntity[]> {
    return this.dataSource.getRepository(DispatchEntity).find({
      where: beforeId ? { senderCode, id: LessThan(beforeId) } : { senderCode },
      relations: { recipients: true },
      order: { id: 'DESC', recipients: { recipientCode: 'ASC' } },
      take: limit,
    });
  }

  /** The sender's latest dispatch with this document id that was not rejected (updates). */
  async findLatestByDocumentId(
    senderCode: string,
    documentId: string,
  ): Promise<DispatchEntity | null> {
    return this.dataSource.getRepository(DispatchEntity).findOne({
      where: { senderCode, documentId, state: Not('rejected') },
      order: { id: 'DESC' },
    });
  }

  /** Dispatches that replace the given one, oldest first. */
  async findReplacements(dispatchId: string): Promise<DispatchEntity[]> {
    return this.dataSource.getRepository(DispatchEntity).find({
      where: { replacesDispatchId: dispatchId },
      relations: { recipients: true },
      order: { id: 'ASC' },
    });
  }

  /** Locks the dispatch row for the rest of the transaction (state transitions). */
  async lockById(manager: EntityManager, id: string): Promise<DispatchEntity | null> {
    return manager.findOne(DispatchEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async findByIdempotencyKey(
    senderCode: string,
    idempotencyKey: string,
  ): Promise<DispatchEntity | null> {
    return this.dataSource.getRepository(DispatchEntity).findOneBy({ senderCode, idempotencyKey });
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<DispatchEntity>,
  ): Promise<void> {
    await manager.update(DispatchEntity, { id }, changes as QueryDeepPartialEntity<DispatchEntity>);
  }

  async saveFileVerification(
    manager: EntityManager,
    fileId: string,
    verification: Record<string, unknown>,
  ): Promise<void> {
    await manager.update(DispatchFileEntity, { id: fileId }, {
      verification,
    } as QueryDeepPartialEntity<DispatchFileEntity>);
  }

  async findRecipient(
    dispatchId: string,
    recipientCode: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DispatchRecipientEntity | null> {
    return manager.findOneBy(DispatchRecipientEntity, { dispatchId, recipientCode });
  }

  /** Locks one recipient row for the rest of the transaction (status notices, recall answers). */
  async lockRecipient(
    manager: EntityManager,
    dispatchId: string,
    recipientCode: string,
  ): Promise<DispatchRecipientEntity | null> {
    return manager.findOne(DispatchRecipientEntity, {
      where: { dispatchId, recipientCode },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async updateRecipient(
    manager: EntityManager,
    dispatchId: string,
    recipientCode: string,
    changes: Partial<
      Pick<DispatchRecipientEntity, 'statusCode' | 'statusAt' | 'recallState' | 'recalledAt'>
    >,
  ): Promise<void> {
    await manager.update(DispatchRecipientEntity, { dispatchId, recipientCode }, changes);
  }

  /**
   * Recalls a dispatch from every recipient at once: those that had not fetched it lose it
   * (pending, queued or delivered → recalled); those that had get a pending recall request.
   * Conditional updates, so a download racing the recall either wins (fetched: asked) or loses.
   */
  async recallRecipients(
    manager: EntityManager,
    dispatchId: string,
  ): Promise<{ withdrawn: string[]; requested: string[] }> {
    const withdrawn: { recipient_code: string }[] = await manager.query(
      `UPDATE dispatch_recipients SET state = 'recalled', recalled_at = now()
       WHERE dispatch_id = $1 AND state IN ('pending', 'queued', 'delivered')
       RETURNING recipient_code`,
      [dispatchId],
    );
    const requested: { recipient_code: string }[] = await manager.query(
      `UPDATE dispatch_recipients SET recall_state = 'requested', recalled_at = now()
       WHERE dispatch_id = $1 AND state IN ('fetched', 'acknowledged') AND recall_state IS NULL
       RETURNING recipient_code`,
      [dispatchId],
    );
    const codes = (rows: { recipient_code: string }[] | [{ recipient_code: string }[], number]) =>
      unwrapRows(rows)
        .map((row) => row.recipient_code)
        .sort();
    return { withdrawn: codes(withdrawn), requested: codes(requested) };
  }

  /**
   * Moves recipients forward from one state to the next. Only rows still in `from` change, so a
   * redelivered message finds nothing to do. Returns the recipient codes that moved.
   */
  async advanceRecipients(
    manager: EntityManager,
    dispatchId: string,
    recipientCodes: readonly string[] | 'all',
    from: RecipientState,
    to: RecipientState,
  ): Promise<string[]> {
    const stamp = timestampColumnFor(to);
    const params: unknown[] = [dispatchId, from, to];
    let filter = '';
    if (recipientCodes !== 'all') {
      params.push([...recipientCodes]);
      filter = 'AND recipient_code = ANY($4)';
    }
    const rows: { recipient_code: string }[] = await manager.query(
      `UPDATE dispatch_recipients SET state = $3${stamp ? `, ${stamp} = now()` : ''}
       WHERE dispatch_id = $1 AND state = $2 ${filter}
       RETURNING recipient_code`,
      params,
    );
    return unwrapRows(rows).map((row) => row.recipient_code);
  }

  /**
   * Puts a queued dispatch into the recipient's inbox, assigning its inbox position. Returns the
   * position, or null when it was already delivered (redelivery) or is not queued.
   *
   * Readers page through an inbox by position (`delivery_seq > cursor`), so positions must become
   * visible in the order they are taken: were two deliveries to one agency to commit out of order,
   * a reader could pass the later one and never see the earlier. A transaction-scoped advisory
   * lock per recipient, taken before the position and held until commit, keeps them in order.
   */
  async deliver(
    manager: EntityManager,
    dispatchId: string,
    recipientCode: string,
  ): Promise<number | null> {
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
      INBOX_POSITION_LOCK_SPACE,
      recipientCode,
    ]);
    const rows: { delivery_seq: string }[] = await manager.query(
      `UPDATE dispatch_recipients
         SET state = 'delivered', delivered_at = now(), delivery_seq = nextval('delivery_seq')
       WHERE dispatch_id = $1 AND recipient_code = $2 AND state = 'queued'
       RETURNING delivery_seq`,
      [dispatchId, recipientCode],
    );
    const [row] = unwrapRows(rows);
    return row ? Number(row.delivery_seq) : null;
  }
}

function timestampColumnFor(state: RecipientState): string | null {
  switch (state) {
    case 'queued':
      return 'queued_at';
    case 'delivered':
      return 'delivered_at';
    case 'fetched':
      return 'fetched_at';
    case 'acknowledged':
      return 'acknowledged_at';
    case 'recalled':
      return 'recalled_at';
    case 'pending':
      return null;
  }
}
