/**
 * Delay before the next attempt after `failedAttempts` failures: base, 2×base, 4×base, … capped
 * at `maxMs`, with up to 10 % subtracted at random so many receivers failing together do not
 * all come back at the same instant.
 */
export function retryDelayMs(
  failedAttempts: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 40);
  const delay = Math.min(baseMs * 2 ** exponent, maxMs);
  return Math.round(delay - delay * 0.1 * random());
}
