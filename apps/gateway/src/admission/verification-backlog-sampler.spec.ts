import { VerificationBacklogSampler } from './verification-backlog-sampler';

/** A count whose answers the test hands out one by one. */
function controlledCount() {
  const pending: Array<{ resolve: (n: number) => void; reject: (e: Error) => void }> = [];
  return {
    count: jest.fn(
      () =>
        new Promise<number>((resolve, reject) => {
          pending.push({ resolve, reject });
        }),
    ),
    answer: (n: number) => pending.shift()!.resolve(n),
    fail: (message: string) => pending.shift()!.reject(new Error(message)),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('VerificationBacklogSampler', () => {
  let clock: number;
  let warnings: string[];
  const samplerOf = (count: () => Promise<number>) =>
    new VerificationBacklogSampler({
      count,
      intervalMs: 250,
      warn: (message) => warnings.push(message),
      now: () => clock,
    });

  beforeEach(() => {
    clock = 1000;
    warnings = [];
  });

  it('makes the first requests wait for the first count, shared by all of them', async () => {
    const db = controlledCount();
    const sampler = samplerOf(db.count);
    const first = sampler.latest();
    const second = sampler.latest();
    db.answer(7);
    expect(await Promise.all([first, second])).toEqual([7, 7]);
    expect(db.count).toHaveBeenCalledTimes(1);
  });

  it('counts at most once per interval, and later requests never wait for a count', async () => {
    const db = controlledCount();
    const sampler = samplerOf(db.count);
    const first = sampler.latest();
    db.answer(3);
    await first;

    clock += 249;
    expect(await sampler.latest()).toBe(3);
    expect(db.count).toHaveBeenCalledTimes(1);

    clock += 1;
    // Stale: one new count starts, and the requests meanwhile get the last sample at once.
    expect(await sampler.latest()).toBe(3);
    clock += 1000;
    expect(await sampler.latest()).toBe(3);
    expect(db.count).toHaveBeenCalledTimes(2); // single flight while the count runs
    db.answer(9);
    await settle();
    expect(await sampler.latest()).toBe(9);
    expect(db.count).toHaveBeenCalledTimes(3); // the interval had passed: the next one started
  });

  it('fails open: a failed count leaves the backlog unknown, warned once until it recovers', async () => {
    const db = controlledCount();
    const sampler = samplerOf(db.count);
    const first = sampler.latest();
    db.answer(500);
    expect(await first).toBe(500);

    for (const attempt of [1, 2]) {
      clock += 250;
      await sampler.latest();
      db.fail(`connection refused ${attempt}`);
      await settle();
      expect(await sampler.latest()).toBeUndefined();
    }
    expect(warnings).toEqual([
      'cannot count the verification backlog, admitting submissions meanwhile: connection refused 1',
    ]);

    clock += 250;
    await sampler.latest();
    db.answer(12);
    await settle();
    expect(await sampler.latest()).toBe(12);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toBe('the verification backlog can be counted again');
  });

  it('does not hold the first requests forever when the first count fails', async () => {
    const db = controlledCount();
    const sampler = samplerOf(db.count);
    const first = sampler.latest();
    db.fail('no database');
    expect(await first).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });
});
