import { InboxWaitInvalidError, parseInboxWait, pollUntilFound } from './inbox-wait';

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

  it('returns as soon as the probe finds something', async () => {
    const answers = [[], [], ['item']];
    const probe = jest.fn(() => Promise.resolve(answers.shift() ?? []));
    await expect(pollUntilFound(probe, { waitMs: 10_000, intervalMs: 1 })).resolves.toEqual([
      'item',
    ]);
    expect(probe).toHaveBeenCalledTimes(3);
  });

  it('asks once when there is no wait', async () => {
    const probe = jest.fn(() => Promise.resolve([] as string[]));
    await expect(pollUntilFound(probe, { waitMs: 0, intervalMs: 1 })).resolves.toEqual([]);
    expect(probe).toHaveBeenCalledTimes(1);
  });

  it('gives up with nothing when the wait ends', async () => {
    const probe = jest.fn(() => Promise.resolve([] as string[]));
    await expect(pollUntilFound(probe, { waitMs: 30, intervalMs: 5 })).resolves.toEqual([]);
    expect(probe.mock.calls.length).toBeGreaterThan(1);
  });

  it('stops asking once the client has gone', async () => {
    const controller = new AbortController();
    const probe = jest.fn(() => {
      controller.abort();
      return Promise.resolve([] as string[]);
    });
    await pollUntilFound(probe, { waitMs: 60_000, intervalMs: 10_000, signal: controller.signal });
    expect(probe).toHaveBeenCalledTimes(1);
  });
});
