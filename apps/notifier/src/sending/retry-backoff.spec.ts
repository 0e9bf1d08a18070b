import { retryDelayMs } from './retry-backoff';

describe('retryDelayMs', () => {
  it('doubles from the base per failed attempt', () => {
    const delays = [1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 1000, 3_600_000, () => 0));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('stops growing at the cap, however many attempts failed', () => {
    expect(retryDelayMs(12, 1000, 60_000, () => 0)).toBe(60_000);
    expect(retryDelayMs(10_000, 1000, 60_000, () => 0)).toBe(60_000);
  });

  it('takes at most 10 % off at random', () => {
    expect(retryDelayMs(3, 1000, 60_000, () => 1)).toBe(3600);
    expect(retryDelayMs(3, 1000, 60_000, () => 0.5)).toBe(3800);
  });
});
