import { preparedStatement } from '../database/prepared-statements';
import type { OutboxDestination } from './outbox-message.entity';

/**
 * One checked `outbox_messages` row (libs/messaging's `outboxRowOf` builds it), for a repository
 * that writes a state change and the message announcing it in one statement.
 */
export interface OutboxRow {
  id: string;
  destination: OutboxDestination;
  routingKey: string;
  messageType: string;
  /** JSON text. */
  payload: string;
  /** JSON text. */
  headers: string;
  priority: number;
  correlationId: string | null;
}

/** The columns `outboxRowParams` fills, in its order. */
export const OUTBOX_ROW_COLUMNS =
  'id, destination, routing_key, message_type, payload, headers, priority, correlation_id';

/**
 * `INSERT INTO outbox_messages … SELECT` of one row from parameters `$first`…`$first+7`
 * (`outboxRowParams`), written once for each row of `source`: a statement's CTE that announces
 * the change `source` returns, so nothing is announced when nothing changed.
 */
export function outboxInsertFrom(first: number, source: string): string {
  const $ = (n: number) => `$${first + n}`;
  return `INSERT INTO outbox_messages (${OUTBOX_ROW_COLUMNS})
         SELECT ${$(0)}::uuid, ${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}::jsonb, ${$(5)}::jsonb,
                ${$(6)}::smallint, ${$(7)} FROM ${source}`;
}

/** The row's values in `OUTBOX_ROW_COLUMNS` order, for a statement's parameters. */
export function outboxRowParams(row: OutboxRow): unknown[] {
  return [
    row.id,
    row.destination,
    row.routingKey,
    row.messageType,
    row.payload,
    row.headers,
    row.priority,
    row.correlationId,
  ];
}

/**
 * `INSERT INTO outbox_messages` of any number of rows from eight parallel arrays
 * (`outboxRowsParams`): one text for every batch size, so it is prepared once per connection and
 * its parameter count does not grow with the batch.
 */
export const OUTBOX_ROWS_INSERT = preparedStatement(
  `INSERT INTO outbox_messages (${OUTBOX_ROW_COLUMNS})
   SELECT r.id, r.destination, r.routing_key, r.message_type, r.payload::jsonb, r.headers::jsonb,
          r.priority, r.correlation_id
     FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::text[], $6::text[],
                 $7::smallint[], $8::varchar[])
       AS r(id, destination, routing_key, message_type, payload, headers, priority, correlation_id)`,
);

/** The rows' values as `OUTBOX_ROWS_INSERT`'s eight arrays. */
export function outboxRowsParams(rows: readonly OutboxRow[]): unknown[][] {
  return [
    rows.map((row) => row.id),
    rows.map((row) => row.destination),
    rows.map((row) => row.routingKey),
    rows.map((row) => row.messageType),
    rows.map((row) => row.payload),
    rows.map((row) => row.headers),
    rows.map((row) => row.priority),
    rows.map((row) => row.correlationId),
  ];
}
