import type { OutboxDestination } from '@docaxis/persistence/outbox/outbox-message.entity';
import { preparedStatement } from '@docaxis/persistence/database/prepared-statements';
import type { DataSource } from 'typeorm';

export interface ClaimedOutboxMessage {
  readonly id: string;
  /** AMQP messageId when it differs from `id` (a redriven message keeps its own). */
  readonly messageId: string | null;
  readonly destination: OutboxDestination;
  readonly routingKey: string;
  readonly messageType: string;
  readonly payload: Record<string, unknown>;
  readonly headers: Record<string, string>;
  readonly priority: number;
  readonly correlationId: string | null;
  /** Including the attempt this claim starts. */
  readonly attempts: number;
  readonly createdAt: Date;
}

export interface OutboxPublishFailure {
  readonly id: string;
  readonly error: string;
  readonly retryInMs: number;
}

export interface OutboxBacklog {
  /** Rows not yet published (including those leased by a relay right now). */
  readonly pending: number;
  /** Rows a relay may claim now. */
  readonly due: number;
}

interface ClaimedRow {
  id: string;
  message_id: string | null;
  destination: OutboxDestination;
  routing_key: string;
  message_type: string;
  payload: Record<string, unknown>;
  headers: Record<string, string>;
  priority: number;
  correlation_id: string | null;
  attempts: number;
  created_at: Date;
}

/**
 * The relay's claim (see OutboxRepository.claim): $1 limit, $2 lease in ms, $3 ids published
 * since the last claim. Exported for the spec that checks where its commit setting applies.
 *
 * `asynchronous_commit` makes this statement's own transaction commit without waiting for its
 * WAL flush (`set_config(…, true)` lasts until the transaction ends; the statement runs in
 * autocommit, so that is this statement). It is referenced by the DELETE, a data-modifying CTE
 * that always runs, as a one-time filter evaluated before its scan: set whatever the claim finds.
 */
export const OUTBOX_CLAIM_SQL = `WITH asynchronous_commit AS (
         SELECT set_config('synchronous_commit', 'off', true) AS setting
       ), published AS (
         DELETE FROM outbox_messages
          WHERE id = ANY($3::uuid[]) AND (SELECT setting FROM asynchronous_commit) = 'off'
       )
       UPDATE outbox_messages
          SET available_at = now() + $2 * interval '1 millisecond',
              attempts = attempts + 1
        WHERE id IN (SELECT due.id FROM outbox_due_message_ids($1, $3::uuid[]) AS due(id))
    RETURNING id, message_id, destination, routing_key, message_type, payload, headers, priority,
              correlation_id, attempts, created_at`;

/** The relay's SQL, in one place. Each statement runs on its own (autocommit). */
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Leases up to `limit` due rows: pushes `available_at` past the lease and counts the attempt,
   * in one statement. SKIP LOCKED lets several relays claim side by side without waiting on or
   * taking each other's rows; a row whose relay crashed becomes due again when its lease ends.
   *
   * `published` (rows of the previous batch the broker confirmed) are deleted by the same
   * statement, so a relay working through a backlog spends one round trip per batch, not two.
   * Prepared: its plan does not depend on the values, and planning was ~0.2 ms a claim.
   *
   * Which rows: `outbox_due_message_ids` (migration OutboxClaimByPendingIndex): due, highest
   * priority first, then oldest, locked with SKIP LOCKED, read through the pending index by a
   * plain index scan, so the claim does not read every dead version a server without frequent
   * vacuums has left in the table.
   *
   * Committed asynchronously (OUTBOX_CLAIM_SQL): a server crash may lose the last claims' leases
   * and deletes, never a message. Every row was committed, synchronously, by the transaction
   * that changed the state it announces; a lost lease or delete only makes rows due again, and
   * they are published again, which a crash between a confirm and the delete did already: every
   * consumer deduplicates on the message id (inbox/run-once.ts, the processed marks). What it
   * saves is a WAL flush the relay waited for, one per claim that leased or deleted something.
   */
  async claim(
    limit: number,
    leaseMs: number,
    published: readonly string[] = [],
  ): Promise<ClaimedOutboxMessage[]> {
    const rows = await this.dataSource.query<[ClaimedRow[], number] | ClaimedRow[]>(
      preparedStatement(OUTBOX_CLAIM_SQL),
      [limit, leaseMs, published],
    );
    // TypeORM returns [rows, affected] for UPDATE … RETURNING on PostgreSQL.
    const claimed = isRowsWithCount(rows) ? rows[0] : rows;
    return claimed
      .map((row) => ({
        id: row.id,
        messageId: row.message_id,
        destination: row.destination,
        routingKey: row.routing_key,
        messageType: row.message_type,
        payload: row.payload,
        headers: row.headers,
        priority: row.priority,
        correlationId: row.correlation_id,
        attempts: row.attempts,
        createdAt: row.created_at,
      }))
      .sort((a, b) => b.priority - a.priority || a.createdAt.getTime() - b.createdAt.getTime());
  }

  /** Published and confirmed: gone from the outbox. */
  async deletePublished(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(`DELETE FROM outbox_messages WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Records why each publish failed and when to try again. */
  async recordFailures(failures: readonly OutboxPublishFailure[]): Promise<void> {
    if (failures.length === 0) return;
    await this.dataSource.query(
      `UPDATE outbox_messages AS o
          SET last_error = f.error,
              available_at = now() + f.retry_in_ms * interval '1 millisecond'
         FROM unnest($1::uuid[], $2::text[], $3::bigint[]) AS f(id, error, retry_in_ms)
        WHERE o.id = f.id`,
      [failures.map((f) => f.id), failures.map((f) => f.error), failures.map((f) => f.retryInMs)],
    );
  }

  async backlog(): Promise<OutboxBacklog> {
    const [row] = await this.dataSource.query<Array<{ pending: number; due: number }>>(
      `SELECT count(*)::int AS pending, count(*) FILTER (WHERE available_at <= now())::int AS due
         FROM outbox_messages`,
    );
    return { pending: row.pending, due: row.due };
  }
}

function isRowsWithCount(value: unknown): value is [ClaimedRow[], number] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    Array.isArray(value[0]) &&
    typeof value[1] === 'number'
  );
}
