import type { InboxWakeup } from '@docaxis/persistence/inbox/inbox-wakeups';
import { InboxWaitInvalidError, parseInboxWait, waitUntilFound } from './inbox-wait';

describe('inbox long-poll', () => {
  it('reads wait in seconds, up to the configured maximum', () => {
    expect(parseInboxWait(undefined, 30)).toBe(0);
    expect(parseInboxWait('', 30)).toBe(0);
    expect(parseInboxWait('0', 30)).toBe(0);
    expect(parseInboxWait('30', 30)).toBe(30_000);
  });

  it.each(['31', '-1', '1.5', 'soon', '1e1'])('refuses wait=%s with WAIT_INVALID', (value) => {
    expect(() => parseInboxWait(value, 30)).toThrow(InboxWaitInvalidError);
  });

  // Pauses move a virtual clock on instead of waiting on real timers, so each timeline is exact
  // however late a busy machine would fire them (a 20 ms timer fired late once ended a 50 ms wait).
  let now = 0;
  beforeEach(() => {
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  /** A wakeup that never hears anything: `listening` decides which interval applies. */
  function silentWakeup(listening: boolean): InboxWakeup & { pauses: number[] } {
    const pauses: number[] = [];
    return {
      listening,
      pauses,
      next: (ms: number) => {
        pauses.push(ms);
        now += ms;
        return Promise.resolve(false);
      },
      close: () => undefined,
    };
  }

  const intervals = { safetyIntervalMs: 1000, pollIntervalMs: 1 };

  it('returns as soon as the probe finds something', async () => {
    const answers = [[], [], ['item']];
    const probe = jest.fn(() => Promise.resolve(answers.shift() ?? []));
    await expect(
      waitUntilFound(probe, silentWakeup(false), { waitMs: 10_000, ...intervals }),
    ).resolves.toEqual(['item']);
    expect(probe).toHaveBeenCalledTimes(3);
  });

  it('asks once when there is no wait', async () => {
    const probe = jest.fn(() => Promise.resolve([] as string[]));
    await expect(
      waitUntilFound(probe, silentWakeup(false), { waitMs: 0, ...intervals }),
    ).resolves.toEqual([]);
    expect(probe).toHaveBeenCalledTimes(1);
  });

  it('polls on the quick interval while deliveries cannot be heard', async () => {
    const probe = jest.fn(() => Promise.resolve([] as string[]));
    const wakeup = silentWakeup(false);
    await expect(
      waitUntilFound(probe, wakeup, { waitMs: 30, safetyIntervalMs: 1000, pollIntervalMs: 5 }),
    ).resolves.toEqual([]);
    // Not listening, so it looks after every pause, the last one (to the deadline) included.
    expect(wakeup.pauses).toEqual([5, 5, 5, 5, 5, 5]);
    expect(probe).toHaveBeenCalledTimes(7);
  });

  it('while listening, looks once and again only on the safety interval, not at the end', async () => {
    const probe = jest.fn(() => Promise.resolve([] as string[]));
    const wakeup = silentWakeup(true);
    await waitUntilFound(probe, wakeup, { waitMs: 50, safetyIntervalMs: 20, pollIntervalMs: 1 });
    // One look first, one after each safety pause; the last pause (to the deadline) heard
    // nothing, so no look after it.
    expect(wakeup.pauses).toEqual([20, 20, 10]);
    expect(probe).toHaveBeenCalledTimes(3);

    const idle = jest.fn(() => Promise.resolve([] as string[]));
    await waitUntilFound(idle, silentWakeup(true), { waitMs: 30, ...intervals });
    expect(idle).toHaveBeenCalledTimes(1);
  });

  it('looks again as soon as it is woken', async () => {
    const answers = [[], ['item']];
    const probe = jest.fn(() => Promise.resolve(answers.shift() ?? []));
    const onWoken = jest.fn();
    const pauses: number[] = [];
    const wakeup: InboxWakeup = {
      listening: true,
      // Woken 5 ms into a pause that could have lasted the whole wait.
      next: (ms: number) => {
        pauses.push(ms);
        now += 5;
        return Promise.resolve(true);
      },
      close: () => undefined,
    };
    await expect(
      waitUntilFound(probe, wakeup, {
        waitMs: 10_000,
        safetyIntervalMs: 10_000,
        pollIntervalMs: 10_000,
        onWoken,
      }),
    ).resolves.toEqual(['item']);
    // Counted, not timed: one pause, ended by the wake-up, then the look that found the item (a
    // real 5 ms timer and an elapsed-time bound stood here).
    expect(pauses).toEqual([10_000]);
    expect(probe).toHaveBeenCalledTimes(2);
    expect(onWoken).toHaveBeenCalledTimes(1);
  });

  it('stops asking once the client has gone', async () => {
    const controller = new AbortController();
    const probe = jest.fn(() => {
      controller.abort();
      return Promise.resolve([] as string[]);
    });
    await waitUntilFound(probe, silentWakeup(false), {
      waitMs: 60_000,
      safetyIntervalMs: 10_000,
      pollIntervalMs: 10_000,
      signal: controller.signal,
    });
    expect(probe).toHaveBeenCalledTimes(1);
  });
});
