import type { DispatchRecipientEntity } from './dispatch-recipient.entity';
import type { RecallAnswerState, RecipientState } from './dispatch-state';

/**
 * The columns of `dispatch_recipients` as raw SQL returns them, for queries that read recipient
 * rows without TypeORM's entity loading (one round trip where TypeORM would take two).
 */
export const RECIPIENT_COLUMNS = [
  'dispatch_id',
  'recipient_code',
  'state',
  'delivery_seq',
  'status_code',
  'status_at',
  'recall_state',
  'recalled_at',
  'queued_at',
  'delivered_at',
  'fetched_at',
  'acknowledged_at',
] as const;

export type DispatchRecipientRow = {
  dispatch_id: string;
  recipient_code: string;
  state: RecipientState;
  /** bigint: pg answers a string. */
  delivery_seq: string | null;
  status_code: string | null;
  status_at: Date | null;
  recall_state: RecallAnswerState | null;
  recalled_at: Date | null;
  queued_at: Date | null;
  delivered_at: Date | null;
  fetched_at: Date | null;
  acknowledged_at: Date | null;
};

/** `r.dispatch_id, r.recipient_code, …` for a SELECT or RETURNING list. */
export function recipientColumnList(alias: string): string {
  return RECIPIENT_COLUMNS.map((column) => `${alias}.${column}`).join(', ');
}

export function recipientFromRow(row: DispatchRecipientRow): DispatchRecipientEntity {
  return {
    dispatchId: row.dispatch_id,
    recipientCode: row.recipient_code,
    state: row.state,
    deliverySeq: row.delivery_seq === null ? null : Number(row.delivery_seq),
    statusCode: row.status_code,
    statusAt: row.status_at,
    recallState: row.recall_state,
    recalledAt: row.recalled_at,
    queuedAt: row.queued_at,
    deliveredAt: row.delivered_at,
    fetchedAt: row.fetched_at,
    acknowledgedAt: row.acknowledged_at,
  };
}
