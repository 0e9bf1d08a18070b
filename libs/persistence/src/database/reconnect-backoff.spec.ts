import { DEFAULT_RECONNECT_BACKOFF, ReconnectBackoff } from './reconnect-backoff';

describe('ReconnectBackoff', () => {
  const settings = { initialMs: 100, maxMs: 1000 };

  it('doubles from the initial wait up to the cap (the longest waits, random at its top)', () => {
    const backoff = new ReconnectBackoff(settings, () => 1);
    const waits = Array.from({ length: 7 }, () => backoff.nextDelayMs());
    expect(waits).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it('waits at least half of each ceiling (the shortest waits, random at its bottom)', () => {
    const backoff = new ReconnectBackoff(settings, () => 0);
    const waits = Array.from({ length: 6 }, () => backoff.nextDelayMs());
    expect(waits).toEqual([50, 100, 200, 400, 500, 500]);
  });

  it('spreads instances that fail together across the upper half of the ceiling', () => {
    const draws = [0.1, 0.5, 0.9];
    const waits = draws.map((draw) => new ReconnectBackoff(settings, () => draw).nextDelayMs());
    expect(waits).toEqual([55, 75, 95]);
  });

  it('starts from the initial wait again after a success', () => {
    const backoff = new ReconnectBackoff(settings, () => 1);
    backoff.nextDelayMs();
    backoff.nextDelayMs();
    backoff.nextDelayMs();
    backoff.reset();
    expect(backoff.nextDelayMs()).toBe(100);
    expect(backoff.nextDelayMs()).toBe(200);
  });

  it('stays at the cap through a very long outage', () => {
    const backoff = new ReconnectBackoff(DEFAULT_RECONNECT_BACKOFF, () => 1);
    let last = 0;
    for (let failure = 0; failure < 10_000; failure++) last = backoff.nextDelayMs();
    expect(last).toBe(30_000);
  });

  it.each([
    [{ initialMs: 0, maxMs: 1000 }],
    [{ initialMs: 2000, maxMs: 1000 }],
    [{ initialMs: Number.NaN, maxMs: 1000 }],
  ])('refuses settings %j', (bad) => {
    expect(() => new ReconnectBackoff(bad)).toThrow(RangeError);
  });
});
