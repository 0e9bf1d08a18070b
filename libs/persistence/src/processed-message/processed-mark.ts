/** A consumer's idempotency record for one message (`processed_messages`, see run-once.ts). */
export interface ProcessedMark {
  readonly consumer: string;
  readonly messageId: string;
}

/**
 * A `processed AS (…)` CTE that records the mark inside the statement starting the work, saving
 * runOnce's separate INSERT round trip. The statement must act only `WHERE EXISTS (SELECT 1 FROM
 * processed)`: the CTE returns a row the first time and none for a redelivery. A concurrent
 * delivery of the same message waits on the primary key, then finds it there (or, if the first
 * rolled back, writes it). Uses parameters `$first` (consumer) and `$first+1` (message id).
 */
export function processedMarkCte(first: number): string {
  return `processed AS (
    INSERT INTO processed_messages (consumer, message_id) VALUES ($${first}, $${first + 1})
    ON CONFLICT DO NOTHING RETURNING 1
  )`;
}

export function processedMarkParams(mark: ProcessedMark): [string, string] {
  return [mark.consumer, mark.messageId];
}
