import { DEFAULT_OUTBOX_RETRY_POLICY, outboxRetryDelayMs } from './outbox-retry-delay';

describe('outboxRetryDelayMs', () => {
  it('doubles from the base delay with each failed attempt', () => {
    expect([1, 2, 3, 4, 5].map((attempts) => outboxRetryDelayMs(attempts))).toEqual([
      1000, 2000, 4000, 8000, 16000,
    ]);
  });

  it('stops at the ceiling, even after very many attempts', () => {
    expect(outboxRetryDelayMs(9)).toBe(256_000);
    expect(outboxRetryDelayMs(10)).toBe(DEFAULT_OUTBOX_RETRY_POLICY.maxMs);
    expect(outboxRetryDelayMs(10_000)).toBe(300_000);
  });

  it('treats zero or odd attempt counts as the first attempt', () => {
    expect(outboxRetryDelayMs(0)).toBe(1000);
    expect(outboxRetryDelayMs(1.7)).toBe(1000);
  });

  it('follows a custom policy', () => {
    expect(outboxRetryDelayMs(3, { baseMs: 50, maxMs: 150 })).toBe(150);
    expect(outboxRetryDelayMs(2, { baseMs: 50, maxMs: 150 })).toBe(100);
  });
});
