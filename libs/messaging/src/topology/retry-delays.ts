/** Delays before the 1st, 2nd, … retry of a failed message: exponential, 4 retries, 5 attempts. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1000, 5000, 30_000, 120_000];

/** Longest delay a retry step may hold a message (one day). */
const MAX_DELAY_MS = 86_400_000;

/** Checks the configured retry delays (whole milliseconds, at most a day each); returns them frozen. */
export function validateRetryDelays(delays: readonly number[]): readonly number[] {
  for (const delay of delays) {
    if (!Number.isInteger(delay) || delay < 1 || delay > MAX_DELAY_MS) {
      throw new RangeError(
        `retry delays must be whole milliseconds from 1 to ${MAX_DELAY_MS}, got ${delay}`,
      );
    }
  }
  if (new Set(delays).size !== delays.length) {
    // Two steps with one delay would share one queue: a message could not tell them apart.
    throw new RangeError(`retry delays must differ from each other, got ${delays.join(', ')}`);
  }
  return Object.freeze([...delays]);
}
