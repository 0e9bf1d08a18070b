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

/** The row's values in `outbox_messages` column order, for a statement's parameters. */
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
