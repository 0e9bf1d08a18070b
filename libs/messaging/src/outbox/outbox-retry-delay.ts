export interface OutboxRetryPolicy {
  /** Delay after the first failed attempt. Default 1 s. */
  baseMs: number;
  /** Ceiling, so a long broker outage still retries regularly. Default 5 min. */
  maxMs: number;
}

export const DEFAULT_OUTBOX_RETRY_POLICY: OutboxRetryPolicy = { baseMs: 1000, maxMs: 5 * 60_000 };

/**
 * How long a row waits after its `attempts`-th failed publish: base × 2^(attempts − 1), capped.
 * Deterministic on purpose: rows fail at different times, which spreads them already.
 */
export function outboxRetryDelayMs(
  attempts: number,
  policy: OutboxRetryPolicy = DEFAULT_OUTBOX_RETRY_POLICY,
): number {
  const exponent = Math.max(0, Math.floor(attempts) - 1);
  // 2 ** 40 ms is already decades: stop growing before the number gets silly.
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 40));
}
