import { soakTable, type SoakResult } from '../../bench/axis/axis-bench-report';
import type { AxisAppName } from '../../bench/axis/axis-app-process';

describe('the benchmark’s soak table', () => {
  const MiB = 2 ** 20;
  const growth = (first: number, last: number) => ({
    firstBytes: first * MiB,
    lastBytes: last * MiB,
    growth: last / first - 1,
  });
  const soak = (
    secondHalf: number,
    heapAfterGc: SoakResult['heapAfterGc'] = null,
    floorGrowth: number | null = null,
  ): SoakResult => {
    const apps = ['audit'] as AxisAppName[];
    const each = <T>(value: T) =>
      Object.fromEntries(apps.map((app) => [app, value])) as Record<AxisAppName, T>;
    return {
      seconds: 600,
      concurrentSenders: 3,
      dispatches: 6000,
      errors: 2,
      busyRefusals: 0,
      p99Ms: 900,
      rss: each(growth(100, 150)),
      rssSecondHalf: each(growth(150, 150 * (1 + secondHalf))),
      rssFloorSecondHalf: each(floorGrowth === null ? null : growth(140, 140 * (1 + floorGrowth))),
      heapAfterGc,
      series: each({ rss: [], heapAfterGc: [] }),
    };
  };

  it('says how many requests failed during the soak', () => {
    expect(soakTable(soak(0.01))).toContain('6000 dispatches, 2 errors, 0 busy 503s');
  });

  it('counts warm-up over the whole soak but judges flatness on the second half', () => {
    const table = soakTable(soak(0.01));
    expect(table).toContain('| audit | 100 / 150 | 50.0 % | 1.0 % | – | – | yes |');
  });

  it('is not flat when RSS keeps growing over the second half', () => {
    expect(soakTable(soak(0.2))).toContain('| 20.0 % | – | – | NO |');
  });

  it('is not flat when the heap after a full GC keeps growing, RSS flat or not', () => {
    const table = soakTable(
      soak(0, {
        audit: { whole: growth(30, 45), secondHalf: growth(36, 45) },
      } as SoakResult['heapAfterGc']),
    );
    expect(table).toContain(
      '| audit | 100 / 150 | 50.0 % | 0.0 % | – | – | 30 / 45 | 50.0 % | 25.0 % | NO |',
    );
  });

  it('judges RSS on its floor when it has one: the last tenth on a tall tooth is not growth', () => {
    expect(soakTable(soak(0.2, null, 0.01))).toContain(
      '| 50.0 % | 20.0 % | 140 / 141 | 1.0 % | yes |',
    );
  });

  it('is not flat when the floor itself rises, however the means fall', () => {
    expect(soakTable(soak(-0.05, null, 0.15))).toContain('| -5.0 % | 140 / 161 | 15.0 % | NO |');
  });
});
