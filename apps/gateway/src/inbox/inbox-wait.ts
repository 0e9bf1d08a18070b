import type { InboxWakeup } from '@docaxis/persistence/inbox/inbox-wakeups';
import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

export class InboxWaitInvalidError extends InvalidInputError {
  constructor(max: number) {
    super(
      'WAIT_INVALID',
      `wait must be a whole number of seconds from 0 to ${max}.`,
      { max },
      { vi: `Tham số wait phải là số giây nguyên từ 0 đến ${max}.` },
    );
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
  /** While deliveries are heard (LISTEN): look anyway this often, in case a wake-up was lost. */
  safetyIntervalMs: number;
  /** While they are not (listener down or not yet connected): look this often. */
  pollIntervalMs: number;
  /** Aborted when the client goes away: stop asking the database for it. */
  signal?: AbortSignal;
  /** Told each time a delivery (or the listener coming or going) ends a pause early. */
  onWoken?: () => void;
}

/**
 * Long-poll: runs `probe` until it finds something or `waitMs` has passed. It looks again when
 * `wakeup` reports a delivery to the agency (PostgreSQL NOTIFY, whichever instance delivered),
 * on a slow safety interval, and on the old quick interval whenever deliveries cannot be heard,
 * so nothing is missed while the listening connection is down.
 */
export async function waitUntilFound<T>(
  probe: () => Promise<T[]>,
  wakeup: InboxWakeup,
  options: LongPollOptions,
): Promise<T[]> {
  const { signal } = options;
  const deadline = Date.now() + options.waitMs;
  let found = await probe();
  while (found.length === 0 && !signal?.aborted) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const listening = wakeup.listening;
    const pause = listening ? options.safetyIntervalMs : options.pollIntervalMs;
    const woken = await wakeup.next(Math.min(pause, left), signal);
    if (woken) options.onWoken?.();
    // Heard nothing until the wait ended, while listening throughout (losing or regaining the
    // connection wakes): nothing was delivered, and a last look would find nothing.
    if (signal?.aborted || (!woken && listening && pause >= left)) break;
    found = await probe();
  }
  return found;
}
