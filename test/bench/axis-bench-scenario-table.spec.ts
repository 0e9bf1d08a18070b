import { scenarioTable, type AxisScenarioRow } from '../../bench/axis/axis-bench-report';

describe('the benchmark’s scenario table', () => {
  const row = (retries: number, busyRefusals = 0) =>
    ({
      label: '2 × 100 KiB PDFs',
      concurrentSenders: 8,
      load: {
        completed: 90,
        errors: 0,
        firstError: null,
        dispatchesPerSecond: 9,
        latency: { p50Ms: 1, p95Ms: 2, p99Ms: 3 },
        retries,
        busyRefusals,
        admissionWait: { p50Ms: 0, p95Ms: 1200.4, p99Ms: 2100 },
      },
      publishesPerDispatch: 12,
      deliveriesPerDispatch: 17,
      transactionsPerDispatch: 9,
      brokerRatio: 0.05,
      verificationRatio: 0.01,
      peakRssBytes: { gateway: 0, router: 0, verifier: 0, audit: 0, notifier: 0 },
    }) as unknown as AxisScenarioRow;

  it('says under the table how many polls and acknowledgements were sent again', () => {
    expect(scenarioTable([row(3)])).toContain(
      '\n3 inbox polls or acknowledgements sent again after a transient failure at 8 senders (2 × 100 KiB PDFs)',
    );
    expect(scenarioTable([row(0)])).not.toContain('sent again');
  });

  it('counts busy 503s in a column of their own, not as errors, and says how long senders were held', () => {
    const table = scenarioTable([row(0, 7)]);
    expect(table).toContain('| errors | busy 503s |');
    expect(table).toContain('| 2 × 100 KiB PDFs | 8 | 90 | 0 | 7 |');
    expect(table).toContain(
      '\n7 busy 503s at 8 senders (2 × 100 KiB PDFs): held at the door before acceptance p50 / p95 / p99 0 / 1200 / 2100 ms',
    );
    expect(scenarioTable([row(0, 0)])).not.toContain('held at the door');
  });
});
