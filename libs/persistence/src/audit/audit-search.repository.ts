import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from '../database/uuid';
import { AuditPageLimitError } from './audit-page-limit.error';
import type { AuditRecordEntity } from './audit-record.entity';
import { toRecord, type AuditRecordSqlRow } from './audit-record.repository';

/** What auditors search the trail by; every field optional, all given ones must hold. */
export interface AuditEventFilter {
  dispatchId?: string;
  /** Sender or recipient of the event, or the agency a directory or webhook change is about. */
  agencyCode?: string;
  eventTypes?: readonly string[];
  /** Who caused the event, exactly as recorded: a certificate subject or an app's name. */
  actor?: string;
  /** The dispatch's transport state (accepted, verified, rejected, routed, withdrawn). */
  dispatchState?: string;
  /** A recipient's last status notice code (01 ... 16) on the event's dispatch. */
  statusCode?: string;
  /** When the axis recorded the event (recorded_at grows with seq: a range is a seq range). */
  from?: Date;
  to?: Date;
  codeNumber?: string;
  codeNotation?: string;
  /** Records up to this seq only (an export pins the head it states). */
  toSeq?: number;
}

export interface AuditEventPageRequest {
  filter: AuditEventFilter;
  /** Keyset cursor: records strictly beyond this seq in the page's direction. */
  afterSeq?: number;
  /** Newest first for browsing; oldest first for exports. */
  order: 'desc' | 'asc';
  limit: number;
}

/** One agency's delivery figures, as sender and as recipient. */
export interface AgencyDeliveryStatistics {
  agencyCode: string;
  sent: number;
  /** Deliveries of the agency's dispatches (one per recipient) and how many reached the inbox. */
  deliveriesRequested: number;
  delivered: number;
  /** Deliveries to the agency. */
  received: number;
  fetched: number;
  avgSecondsToFetch: number | null;
  avgSecondsToFirstStatus: number | null;
  /** Received dispatches past their due date without a Hoàn thành (06) status. */
  overdue: number;
}

export const AUDIT_SEARCH_PAGE_MAX = 1000;
const COLUMNS = `a.seq, a.event_id, a.event_type, a.occurred_at, a.recorded_at, a.dispatch_id,
  a.sender_code, a.recipient_code, a.actor, a.payload, a.payload_digest, a.prev_hash, a.hash`;

/** Read-side queries of the audit trail for auditors: search, timelines, statistics. */
@Injectable()
export class AuditSearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The SQL and parameters of one page (exposed so the benchmark times the very same query). */
  pageQuery(request: AuditEventPageRequest): { sql: string; params: unknown[] } {
    if (
      !Number.isInteger(request.limit) ||
      request.limit < 1 ||
      request.limit > AUDIT_SEARCH_PAGE_MAX
    ) {
      throw new AuditPageLimitError(request.limit, AUDIT_SEARCH_PAGE_MAX);
    }
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = whereOf(request.filter, param);
    if (request.afterSeq !== undefined) {
      where.push(
        `a.seq ${request.order === 'desc' ? '<' : '>'} ${param(String(request.afterSeq))}`,
      );
    }
    const sql = `SELECT ${COLUMNS} FROM audit_records a
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY a.seq ${request.order === 'desc' ? 'DESC' : 'ASC'} LIMIT ${param(request.limit)}`;
    return { sql, params };
  }

  /** How many records match (exports state it; the search API pages without counting). */
  async count(filter: AuditEventFilter): Promise<number> {
    const params: unknown[] = [];
    const where = whereOf(filter, (value) => {
      params.push(value);
      return `$${params.length}`;
    });
    const rows: Array<{ count: string }> = await this.dataSource.query(
      `SELECT count(*) AS count FROM audit_records a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    return Number(rows[0].count);
  }

  async page(request: AuditEventPageRequest): Promise<AuditRecordEntity[]> {
    const { sql, params } = this.pageQuery(request);
    const rows: AuditRecordSqlRow[] = await this.dataSource.query(sql, params);
    return rows.map(toRecord);
  }

  /** Per-agency delivery statistics over dispatches created in [from, to). */
  async statistics(range: {
    from?: Date;
    to?: Date;
    agencyCode?: string;
  }): Promise<AgencyDeliveryStatistics[]> {
    const rows: Array<Record<string, string | null>> = await this.dataSource.query(
      `WITH scope AS (
         SELECT d.id, d.sender_code, d.due_date, r.recipient_code, r.delivered_at, r.fetched_at,
                r.status_code,
                (SELECT min(s.occurred_at) FROM audit_records s
                  WHERE s.dispatch_id = d.id AND s.recipient_code = r.recipient_code
                    AND s.event_type = 'status.noticed') AS first_status_at
           FROM dispatches d
           JOIN dispatch_recipients r ON r.dispatch_id = d.id
          WHERE ($1::timestamptz IS NULL OR d.created_at >= $1)
            AND ($2::timestamptz IS NULL OR d.created_at < $2)
       ), as_sender AS (
         SELECT sender_code AS agency_code, count(DISTINCT id) AS sent, count(*) AS requested,
                count(delivered_at) AS delivered
           FROM scope GROUP BY sender_code
       ), as_recipient AS (
         SELECT recipient_code AS agency_code, count(delivered_at) AS received,
                count(fetched_at) AS fetched,
                avg(extract(epoch FROM fetched_at - delivered_at)) AS to_fetch,
                avg(extract(epoch FROM first_status_at - delivered_at)) AS to_status,
                count(*) FILTER (WHERE due_date < current_date AND status_code IS DISTINCT FROM '06')
                  AS overdue
           FROM scope GROUP BY recipient_code
       )
       SELECT coalesce(s.agency_code, r.agency_code) AS agency_code,
              coalesce(s.sent, 0) AS sent, coalesce(s.requested, 0) AS requested,
              coalesce(s.delivered, 0) AS delivered, coalesce(r.received, 0) AS received,
              coalesce(r.fetched, 0) AS fetched, r.to_fetch, r.to_status,
              coalesce(r.overdue, 0) AS overdue
         FROM as_sender s FULL JOIN as_recipient r ON r.agency_code = s.agency_code
        WHERE $3::varchar IS NULL OR coalesce(s.agency_code, r.agency_code) = $3
        ORDER BY 1`,
      [range.from ?? null, range.to ?? null, range.agencyCode ?? null],
    );
    const num = (v: string | null): number => Number(v ?? 0);
    const avg = (v: string | null): number | null =>
      v === null ? null : Math.round(Number(v) * 1000) / 1000;
    return rows.map((row) => ({
      agencyCode: row.agency_code!,
      sent: num(row.sent),
      deliveriesRequested: num(row.requested),
      delivered: num(row.delivered),
      received: num(row.received),
      fetched: num(row.fetched),
      avgSecondsToFetch: avg(row.to_fetch),
      avgSecondsToFirstStatus: avg(row.to_status),
      overdue: num(row.overdue),
    }));
  }
}

/**
 * Events about one agency that name it as `body.agencyCode` (messaging's contracts); the agency
 * filter selects them too (an export's verifier applies the same rule to the records it reads).
 */
export const AGENCY_CHANGE_EVENTS: readonly string[] = ['directory.changed', 'webhook.changed'];

/** The WHERE clauses of a filter, its values bound through `param`. */
function whereOf(filter: AuditEventFilter, param: (value: unknown) => string): string[] {
  const where: string[] = [];
  if (filter.dispatchId !== undefined) {
    // A malformed id matches nothing rather than failing the cast.
    where.push(isUuid(filter.dispatchId) ? `a.dispatch_id = ${param(filter.dispatchId)}` : 'false');
  }
  if (filter.agencyCode !== undefined) {
    const code = param(filter.agencyCode);
    // A change to an agency's directory entry or webhook names the agency in its body, not as a
    // sender or recipient. Those events are few: the event type index finds them.
    const changedAgency = `(a.event_type = ANY('{${AGENCY_CHANGE_EVENTS.join(',')}}'::varchar[]) AND a.payload->'body'->>'agencyCode' = ${code})`;
    where.push(`(a.sender_code = ${code} OR a.recipient_code = ${code} OR ${changedAgency})`);
  }
  if (filter.eventTypes?.length)
    where.push(`a.event_type = ANY(${param(filter.eventTypes)}::varchar[])`);
  if (filter.actor !== undefined) where.push(`a.actor = ${param(filter.actor)}`);
  // recorded_at never decreases along seq (the appender reads it from the database clock under
  // the chain lock), so a time range is also a seq range: the first seq recorded at or after each
  // bound, found through the recorded_at index, lets the planner walk seq instead of filtering.
  const firstSeqFrom = (instant: string): string =>
    `coalesce((SELECT s.seq FROM audit_records s WHERE s.recorded_at >= ${instant}
                ORDER BY s.recorded_at, s.seq LIMIT 1), 9223372036854775807)`;
  if (filter.from) {
    const from = param(filter.from);
    where.push(`a.recorded_at >= ${from}`, `a.seq >= ${firstSeqFrom(from)}`);
  }
  if (filter.to) {
    const to = param(filter.to);
    where.push(`a.recorded_at < ${to}`, `a.seq < ${firstSeqFrom(to)}`);
  }
  const dispatchWhere: string[] = [];
  if (filter.codeNumber !== undefined)
    dispatchWhere.push(`d.code_number = ${param(filter.codeNumber)}`);
  if (filter.codeNotation !== undefined) {
    dispatchWhere.push(`d.code_notation = ${param(filter.codeNotation)}`);
  }
  if (filter.dispatchState !== undefined)
    dispatchWhere.push(`d.state = ${param(filter.dispatchState)}`);
  if (filter.statusCode !== undefined) {
    dispatchWhere.push(
      `EXISTS (SELECT 1 FROM dispatch_recipients r WHERE r.dispatch_id = d.id AND r.status_code = ${param(filter.statusCode)})`,
    );
  }
  if (dispatchWhere.length > 0) {
    where.push(
      `a.dispatch_id IN (SELECT d.id FROM dispatches d WHERE ${dispatchWhere.join(' AND ')})`,
    );
  }
  if (filter.toSeq !== undefined) where.push(`a.seq <= ${param(String(filter.toSeq))}`);
  return where;
}
