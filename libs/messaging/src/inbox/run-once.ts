import type { DataSource, EntityManager } from 'typeorm';

export interface RunOnceResult<T> {
  /** This consumer had already processed this message: `work` did not run. */
  readonly duplicate: boolean;
  readonly result?: T;
}

/**
 * Idempotent consumer: marks `messageId` as processed by `consumer` and runs `work` in the same
 * transaction, so the mark and the work's effects commit together or not at all. A redelivery
 * (same consumer, same id) finds the mark and reports a duplicate without running `work`; the
 * caller acks either way. Two concurrent deliveries of one message serialise on the primary key:
 * the second waits for the first to commit (then is a duplicate) or roll back (then runs).
 */
export async function runOnce<T>(
  dataSource: DataSource,
  consumer: string,
  messageId: string,
  work: (manager: EntityManager) => Promise<T>,
): Promise<RunOnceResult<T>> {
  return dataSource.transaction(async (manager) => {
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO processed_messages (consumer, message_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING message_id`,
      [consumer, messageId],
    );
    if (inserted.length === 0) return { duplicate: true };
    return { duplicate: false, result: await work(manager) };
  });
}
