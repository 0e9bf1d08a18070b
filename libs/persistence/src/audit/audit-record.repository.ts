import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '../database/uuid';
import { preparedStatement } from '../database/prepared-statements';
import { AuditChainIsolationError } from './audit-chain-isolation.error';
import { AuditPageLimitError } from './audit-page-limit.error';
import type { AuditRecordEntity } from './audit-record.entity';

/** The last link of the chain. */
export interface AuditChainHead {
  seq: number;
  hash: string;
}

/** A record as the chain verifier reads it: with its physical row reference, for paging. */
export interface AuditChainRow extends AuditRecordEntity {
  /**
   * The row's ctid. Pages are keyed on (seq, ctid) rather than seq alone so that, should someone
   * drop the primary key and add a second record with an existing seq, the verifier still sees
   * both instead of skipping one at a page boundary.
   */
  rowRef: string;
}

export interface AuditChainPageRequest {
  fromSeq: number;
  toSeq: number;
  /** The last row of the previous page; null for the first page. */
  after: { seq: number; rowRef: string } | null;
  limit: number;
}

/** Arbitrary but fixed: every audit writer of every instance contends for this one lock. */
export const AUDIT_CHAIN_LOCK_KEY = 4_242_010;

export const AUDIT_PAGE_MAX = 5_000;

const COLUMNS = `seq, event_id, event_type, occurred_at, recorded_at, dispatch_id, sender_code,
  recipient_code, actor, payload, payload_digest, prev_hash, hash`;

export interface AuditRecordSqlRow {
  seq: string;
  event_id: string;
  event_type: string;
  occurred_at: Date;
  recorded_at: Date;
  dispatch_id: string | null;
  sender_code: string | null;
  recipient_code: string | null;
  actor: string | null;
  payload: Record<string, unknown>;
  payload_digest: string;
  prev_hash: string;
  hash: string;
}

/**
 * The audit chain's table, `audit_records`: appending (inside the appender's transaction, under
 * the chain lock) and every read of it. Plain parameterized SQL: the append path is hot, and the
 * verifier needs keyset paging that a query builder would only obscure.
 */
@Injectable()
export class AuditRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Serializes appenders across all instances until the transaction ends. The caller's
   * transaction must be READ COMMITTED: each later statement then sees what the previous holder
   * of the lock committed (under REPEATABLE READ the snapshot would predate the wait). Checked by
   * the same statement, so callers need no separate SET TRANSACTION round trip.
   */
  async lockChainForAppend(manager: EntityManager): Promise<void> {
    const [row]: { isolation: string }[] = await manager.query(
      preparedStatement(
        `SELECT pg_advisory_xact_lock($1), current_setting('transaction_isolation') AS isolation`,
      ),
      [AUDIT_CHAIN_LOCK_KEY],
    );
    if (row.isolation !== 'read committed') throw new AuditChainIsolationError(row.isolation);
  }

  /**
   * The head, the database clock (to the millisecond) and which of `eventIds` are already in the
   * chain, read in one statement under the lock: taking recorded_at from one clock while
   * serialized keeps it non-decreasing along the chain even when several hosts with drifting
   * clocks append.
   */
  async appendPosition(
    manager: EntityManager,
    eventIds: readonly string[],
  ): Promise<{ head: AuditChainHead | null; now: Date; recorded: Set<string> }> {
    const rows: Array<{ seq: string | null; hash: string | null; now: Date; recorded: string[] }> =
      await manager.query(
        `SELECT h.seq, h.hash, date_trunc('milliseconds', clock_timestamp()) AS now,
                ARRAY(SELECT event_id FROM audit_records WHERE event_id = ANY($1::varchar[]))
                  AS recorded
           FROM (SELECT 1) AS one
           LEFT JOIN LATERAL (SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1) AS h
             ON true`,
        [eventIds],
      );
    const [row] = rows;
    return {
      head: row.seq === null || row.hash === null ? null : { seq: Number(row.seq), hash: row.hash },
      now: row.now,
      recorded: new Set(row.recorded),
    };
  }

  /**
   * Inserts records in one statement. Columns travel as 13 arrays unnested server-side, so the
   * statement's size and parameter count do not grow with the batch (PostgreSQL allows 65,535
   * parameters; 500 rows of 13 columns as VALUES would already use 6,500).
   * `payloadJson` is the payload's JSON text (the canonical text the digest was computed over).
   */
  async insertMany(
    manager: EntityManager,
    records: ReadonlyArray<Omit<AuditRecordEntity, 'payload'> & { payloadJson: string }>,
  ): Promise<void> {
    if (records.length === 0) return;
    await manager.query(
      preparedStatement(`INSERT INTO audit_records (${COLUMNS})
       SELECT r.seq, r.event_id, r.event_type, r.occurred_at, r.recorded_at, r.dispatch_id,
              r.sender_code, r.recipient_code, r.actor, r.payload::jsonb, r.payload_digest,
              r.prev_hash, r.hash
         FROM unnest($1::bigint[], $2::varchar[], $3::varchar[], $4::timestamptz[],
                     $5::timestamptz[], $6::uuid[], $7::varchar[], $8::varchar[], $9::text[],
                     $10::text[], $11::char(64)[], $12::char(64)[], $13::char(64)[])
           AS r(seq, event_id, event_type, occurred_at, recorded_at, dispatch_id, sender_code,
                recipient_code, actor, payload, payload_digest, prev_hash, hash)`),
      [
        records.map((r) => String(r.seq)),
        records.map((r) => r.eventId),
        records.map((r) => r.eventType),
        records.map((r) => r.occurredAt.toISOString()),
        records.map((r) => r.recordedAt.toISOString()),
        records.map((r) => r.dispatchId),
        records.map((r) => r.senderCode),
        records.map((r) => r.recipientCode),
        records.map((r) => r.actor),
        records.map((r) => r.payloadJson),
        records.map((r) => r.payloadDigest),
        records.map((r) => r.prevHash),
        records.map((r) => r.hash),
      ],
    );
  }

  async head(manager: EntityManager = this.dataSource.manager): Promise<AuditChainHead | null> {
    const rows: Array<{ seq: string; hash: string }> = await manager.query(
      'SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1',
    );
    return rows.length === 0 ? null : { seq: Number(rows[0].seq), hash: rows[0].hash };
  }

  /** Every record of one dispatch, in chain order; none for an id that is not a UUID. */
  async trailOf(
    dispatchId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AuditRecordEntity[]> {
    if (!isUuid(dispatchId)) return [];
    const rows: AuditRecordSqlRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM audit_records WHERE dispatch_id = $1 ORDER BY seq`,
      [dispatchId],
    );
    return rows.map(toRecord);
  }

  /** Up to `limit` records from `seq` on (inclusive), in chain order. */
  async pageFrom(
    seq: number,
    limit: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AuditRecordEntity[]> {
    checkLimit(limit);
    const rows: AuditRecordSqlRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM audit_records WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [String(Math.max(0, Math.floor(seq))), limit],
    );
    return rows.map(toRecord);
  }

  /** One page of the chain for the verifier: keyset on (seq, ctid) within [fromSeq, toSeq]. */
  async chainPage(request: AuditChainPageRequest): Promise<AuditChainRow[]> {
    checkLimit(request.limit);
    const { after } = request;
    const rows: Array<AuditRecordSqlRow & { row_ref: string }> = await this.dataSource.query(
      `SELECT ctid::text AS row_ref, ${COLUMNS}
         FROM audit_records
        WHERE seq >= $1 AND seq <= $2
          AND ($3::bigint IS NULL OR seq > $3::bigint OR (seq = $3::bigint AND ctid > $4::tid))
        ORDER BY seq, ctid
        LIMIT $5`,
      [
        String(after ? after.seq : request.fromSeq),
        String(request.toSeq),
        after ? String(after.seq) : null,
        after ? after.rowRef : null,
        request.limit,
      ],
    );
    return rows.map((row) => ({ ...toRecord(row), rowRef: row.row_ref }));
  }

  /** The stored hash of each of these seqs that exists (several rows per seq only after tampering). */
  async hashesAt(seqs: readonly number[]): Promise<Map<number, string>> {
    if (seqs.length === 0) return new Map();
    const rows: Array<{ seq: string; hash: string }> = await this.dataSource.query(
      'SELECT seq, hash FROM audit_records WHERE seq = ANY($1::bigint[]) ORDER BY seq, ctid',
      [seqs.map(String)],
    );
    const hashes = new Map<number, string>();
    for (const row of rows) if (!hashes.has(Number(row.seq))) hashes.set(Number(row.seq), row.hash);
    return hashes;
  }

  /**
   * The seqs of records whose stored hash is `hash` (at most `limit`). Only the verifier's
   * diagnosis of a broken chain asks this, once: there is no index on hash, and none is needed.
   */
  async seqsWithHash(hash: string, limit = 2): Promise<number[]> {
    const rows: Array<{ seq: string }> = await this.dataSource.query(
      'SELECT seq FROM audit_records WHERE hash = $1 ORDER BY seq LIMIT $2',
      [hash, limit],
    );
    return rows.map((row) => Number(row.seq));
  }
}

function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_PAGE_MAX) {
    throw new AuditPageLimitError(limit, AUDIT_PAGE_MAX);
  }
}

/** A row of audit_records as selected with its column names, as the entity. */
export function toRecord(row: AuditRecordSqlRow): AuditRecordEntity {
  return {
    seq: Number(row.seq),
    eventId: row.event_id,
    eventType: row.event_type,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    dispatchId: row.dispatch_id,
    senderCode: row.sender_code,
    recipientCode: row.recipient_code,
    actor: row.actor,
    payload: row.payload,
    payloadDigest: row.payload_digest,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
