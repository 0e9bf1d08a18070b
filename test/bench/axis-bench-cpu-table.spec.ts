import { cpuTable, type AxisScenarioRow } from '../../bench/axis/axis-bench-report';

describe('the benchmark’s CPU-per-dispatch table', () => {
  const row = (cpuMsPerDispatch: AxisScenarioRow['cpuMsPerDispatch']) =>
    ({ label: '2 × 100 KiB PDFs', concurrentSenders: 8, cpuMsPerDispatch }) as AxisScenarioRow;

  it('prints each process’ milliseconds per dispatch and the total', () => {
    const table = cpuTable([
      row({
        gateway: 20,
        router: 10,
        verifier: 15.25,
        audit: 5,
        notifier: 4,
        rabbitmq: 12,
        postgres: 30,
        total: 96.25,
      }),
    ]);

    expect(table).toContain(
      '| CPU ms per dispatch | senders | gateway | router | verifier | audit | notifier | RabbitMQ | PostgreSQL (all) | total |',
    );
    expect(table).toContain(
      '| 2 × 100 KiB PDFs | 8 | 20.0 | 10.0 | 15.3 | 5.0 | 4.0 | 12.0 | 30.0 | 96.3 |',
    );
  });

  it('prints "n/a" where nothing could be measured (no /proc)', () => {
    const none = {
      gateway: null,
      router: null,
      verifier: null,
      audit: null,
      notifier: null,
      rabbitmq: null,
      postgres: null,
      total: null,
    };

    expect(cpuTable([row(none)])).toContain(
      '| 2 × 100 KiB PDFs | 8 | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a |',
    );
  });
});
