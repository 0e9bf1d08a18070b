import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

export class InboxWaitInvalidError extends InvalidInputError {
  constructor(max: number) {
    super('WAIT_INVALID', `wait must be a whole number of seconds from 0 to ${max}.`, { max });
  }
}

/** Reads `wait` (seconds) as milliseconds; 0 when absent. */
export function parseInboxWait(waitParam: string | undefined, maxSeconds: number): number {
  if (waitParam === undefined || waitParam === '') return 0;
  const seconds = Number(waitParam);
  if (!/^\d+$/.test(waitParam) || seconds > maxSeconds) {
    throw new InboxWaitInvalidError(maxSeconds);
  }
  return seconds * 1000;
}

export interface LongPollOptions {
  waitMs: number;
  intervalMs: number;
  /** Aborted when the client goes away: stop asking the database for it. */
  signal?: AbortSignal;
}

/**
 * Long-poll: runs `probe` until it finds something or `waitMs` has passed. Each check is a query
 * on PostgreSQL, so a delivery committed through any router or gateway instance ends the wait;
 * nothing is held in this process but the timer.
 */
export async function pollUntilFound<T>(
  probe: () => Promise<T[]>,
  options: LongPollOptions,
): Promise<T[]> {
  const deadline = Date.now() + options.waitMs;
  let found = await probe();
  while (found.length === 0 && !options.signal?.aborted) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    await sleep(Math.min(options.intervalMs, left), options.signal);
    found = await probe();
  }
  return found;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
