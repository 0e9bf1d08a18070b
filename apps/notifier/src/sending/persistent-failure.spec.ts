import { persistentFailureStop } from './persistent-failure';

describe('persistentFailureStop', () => {
  const since = new Date('2026-11-20T08:00:00.000Z');
  const after = (hours: number) => new Date(since.getTime() + hours * 3_600_000);

  it('lets a webhook fail up to the limit', () => {
    expect(persistentFailureStop(72, after(0), 'HTTP 500')(since)).toBeNull();
    expect(
      persistentFailureStop(72, new Date(after(72).getTime() - 1), 'HTTP 500')(since),
    ).toBeNull();
  });

  it('stops it from the limit on, saying since when and the last error, in English and Vietnamese', () => {
    expect(persistentFailureStop(72, after(72), 'HTTP 500: down')(since)).toEqual({
      code: 'FAILING_PERSISTENTLY',
      reason:
        'every delivery attempt failed for 72 h (since 2026-11-20T08:00:00.000Z, the limit is 72 h); the last: HTTP 500: down',
      reasonVi:
        'mọi lần gửi đều thất bại trong 72 giờ (từ 2026-11-20T08:00:00.000Z, giới hạn là 72 giờ); lần cuối: HTTP 500: down',
    });
    // At 100 h, a streak started 72 h before or earlier, and no later one.
    expect(persistentFailureStop(72, after(100), 'x')(after(28))?.code).toBe(
      'FAILING_PERSISTENTLY',
    );
    expect(
      persistentFailureStop(72, after(100), 'x')(new Date(after(28).getTime() + 1)),
    ).toBeNull();
    expect(persistentFailureStop(72, after(100.5), 'x')(since)?.reason).toMatch(/failed for 100 h/);
  });

  it('takes a fraction of an hour as the limit', () => {
    expect(persistentFailureStop(0.5, after(0.4), 'x')(since)).toBeNull();
    expect(persistentFailureStop(0.5, after(0.5), 'x')(since)?.code).toBe('FAILING_PERSISTENTLY');
  });

  it('never stops a webhook when the limit is 0', () => {
    expect(persistentFailureStop(0, after(10_000), 'x')(since)).toBeNull();
  });
});
