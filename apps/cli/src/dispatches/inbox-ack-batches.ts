import { isUuid } from '@docaxis/persistence/database/uuid';
import { AxisApiError } from '../api/axis-api-error';

export interface InboxAckItem {
  dispatchId: string;
  outcome: string;
  delivery: { agencyCode: string; state: string } | null;
  error: { code: string; message: string } | null;
}

/** The gateway's default ACK_BATCH_MAX: longer lists go in several requests. */
export const DEFAULT_ACK_BATCH_SIZE = 500;

/**
 * Each dispatch once. The gateway reads a UUID in either letter case and refuses a whole request
 * that names one dispatch twice (ACK_BATCH_DUPLICATE_IDS), so UUIDs are compared, and sent, in
 * lower case; anything else is kept as written for the gateway to name in its refusal.
 */
export function distinctDispatchIds(dispatchIds: readonly string[]): string[] {
  return [...new Set(dispatchIds.map((id) => (isUuid(id) ? id.toLowerCase() : id)))];
}

/**
 * Acknowledges `dispatchIds` in requests of at most `batchSize` ids. A gateway configured with a
 * lower ACK_BATCH_MAX refuses a batch with 413 ACK_BATCH_TOO_LARGE: the batch is sent again in
 * the size it reports (`details.limit`), or half the size if it reports none, and later batches
 * keep that size. Any other refusal is passed on.
 */
export async function acknowledgeInBatches(
  dispatchIds: readonly string[],
  batchSize: number,
  send: (batch: string[]) => Promise<InboxAckItem[]>,
): Promise<InboxAckItem[]> {
  const results: InboxAckItem[] = [];
  let size = batchSize;
  for (let start = 0; start < dispatchIds.length;) {
    const batch = dispatchIds.slice(start, start + size);
    try {
      results.push(...(await send(batch)));
      start += batch.length;
    } catch (error) {
      const smaller = smallerBatchSize(error, batch.length);
      if (smaller === undefined) throw error;
      size = smaller;
    }
  }
  return results;
}

/** The batch size to retry with after `error`, or undefined when a retry cannot help. */
function smallerBatchSize(error: unknown, sent: number): number | undefined {
  if (!(error instanceof AxisApiError) || error.code !== 'ACK_BATCH_TOO_LARGE') return undefined;
  const { limit } = (error.details ?? {}) as { limit?: unknown };
  const size = typeof limit === 'number' && Number.isInteger(limit) ? limit : Math.floor(sent / 2);
  return size >= 1 && size < sent ? size : undefined;
}
