import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ParkedMessageEntity, type ParkedMessageState } from './parked-message.entity';

/** A parked message as the collector files it (without the columns the database fills in). */
export type CollectedParkedMessage = Omit<
  ParkedMessageEntity,
  'id' | 'collectedAt' | 'state' | 'resolvedAt' | 'resolvedBy' | 'resolutionReason'
>;

export interface ParkedMessageFilter {
  state?: ParkedMessageState;
  /** Broker queue it failed on. */
  sourceQueue?: string;
  messageType?: string;
}

export interface ParkedMessagePageRequest extends ParkedMessageFilter {
  /** Id of the last row of the previous page (ids are UUIDv7: time-ordered). */
  afterId?: string;
  limit: number;
}

/** Counts per state, for operators and metrics. */
export type ParkedMessageCounts = Record<ParkedMessageState, number>;

/**
 * `parked_messages`: filed by the parked queue's collector, read and resolved by operators.
 * Resolving locks the rows (`FOR UPDATE`) so two operators cannot redrive one message twice.
 */
@Injectable()
export class ParkedMessageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Files one parked message; false if this very parking was filed before (a redelivery). */
  async insertCollected(message: CollectedParkedMessage): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `INSERT INTO parked_messages
         (id, message_id, message_type, source_queue, routing_key, error_code, error_reason,
          attempts, headers, properties, body, parked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (message_id, source_queue, parked_at) DO NOTHING
       RETURNING id`,
      [
        uuidv7(),
        message.messageId,
        message.messageType,
        message.sourceQueue,
        message.routingKey,
        message.errorCode,
        message.errorReason,
        message.attempts,
        JSON.stringify(message.headers),
        JSON.stringify(message.properties),
        message.body,
        message.parkedAt,
      ],
    );
    return rows.length > 0;
  }

  /** A page of summaries (no body), oldest first. */
  page(request: ParkedMessagePageRequest): Promise<ParkedMessageEntity[]> {
    const query = this.filtered(this.dataSource.manager, request)
      .select([
        'p.id',
        'p.messageId',
        'p.messageType',
        'p.sourceQueue',
        'p.routingKey',
        'p.errorCode',
        'p.errorReason',
        'p.attempts',
        'p.parkedAt',
        'p.collectedAt',
        'p.state',
        'p.resolvedAt',
        'p.resolvedBy',
        'p.resolutionReason',
      ])
      .orderBy('p.id', 'ASC')
      .limit(request.limit);
    if (request.afterId) query.andWhere('p.id > :afterId', { afterId: request.afterId });
    return query.getMany();
  }

  findById(id: string): Promise<ParkedMessageEntity | null> {
    return this.dataSource.manager.findOneBy(ParkedMessageEntity, { id });
  }

  /** Locks one row for resolving; null if it does not exist. */
  lockById(manager: EntityManager, id: string): Promise<ParkedMessageEntity | null> {
    return manager
      .createQueryBuilder(ParkedMessageEntity, 'p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .getOne();
  }

  /**
   * Locks up to `limit` parked (unresolved) rows matching the filter, oldest first, skipping rows
   * another operator's transaction holds: a "redrive all" runs in batches without blocking.
   */
  lockParked(
    manager: EntityManager,
    filter: ParkedMessageFilter,
    limit: number,
  ): Promise<ParkedMessageEntity[]> {
    return this.filtered(manager, { ...filter, state: 'parked' })
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .orderBy('p.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Marks rows redriven or discarded by `by` (a certificate subject). */
  async resolve(
    manager: EntityManager,
    ids: readonly string[],
    state: Exclude<ParkedMessageState, 'parked'>,
    by: string,
    reason: string | null,
  ): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(
      `UPDATE parked_messages
          SET state = $2, resolved_at = now(), resolved_by = $3, resolution_reason = $4
        WHERE id = ANY($1::uuid[]) AND state = 'parked'`,
      [ids, state, by, reason],
    );
  }

  async counts(): Promise<ParkedMessageCounts> {
    const rows = await this.dataSource.query<Array<{ state: ParkedMessageState; count: number }>>(
      `SELECT state, count(*)::int AS count FROM parked_messages GROUP BY state`,
    );
    const counts: ParkedMessageCounts = { parked: 0, redriven: 0, discarded: 0 };
    for (const row of rows) counts[row.state] = row.count;
    return counts;
  }

  private filtered(manager: EntityManager, filter: ParkedMessageFilter) {
    const query = manager.createQueryBuilder(ParkedMessageEntity, 'p').where('TRUE');
    if (filter.state) query.andWhere('p.state = :state', { state: filter.state });
    if (filter.sourceQueue) {
      query.andWhere('p.source_queue = :sourceQueue', { sourceQueue: filter.sourceQueue });
    }
    if (filter.messageType) {
      query.andWhere('p.message_type = :messageType', { messageType: filter.messageType });
    }
    return query;
  }
}
