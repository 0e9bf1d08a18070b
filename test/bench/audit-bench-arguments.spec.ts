import { parseAuditBenchArguments } from '../../bench/audit/audit-bench-arguments';
import { benchArgumentRefusal } from './bench-argument-refusal';

describe('npm run bench:audit arguments', () => {
  const refusal = (argv: string[]) => benchArgumentRefusal(parseAuditBenchArguments, argv);

  it('defaults to a million events, dropped afterwards; reads each option', () => {
    expect(parseAuditBenchArguments([])).toEqual({ events: 1_000_000, keep: false });
    expect(parseAuditBenchArguments(['--quick'])).toEqual({ events: 20_000, keep: false });
    expect(parseAuditBenchArguments(['--events', '200000', '--keep'])).toEqual({
      events: 200_000,
      keep: true,
    });
    expect(parseAuditBenchArguments(['--events', '100'])).toEqual({ events: 100, keep: false });
  });

  it.each([
    [['--events', 'many'], '--events needs an integer of at least 100, got many'],
    [['--events', '99'], '--events needs an integer of at least 100, got 99'],
    [['--events', '-1000'], '--events needs an integer of at least 100, got -1000'],
    [['--events', '1000.5'], '--events needs an integer of at least 100, got 1000.5'],
    [['--events', ''], '--events needs an integer of at least 100, got nothing'],
    [['--events'], '--events needs an integer of at least 100, got nothing'],
    [['--seconds', '3'], 'unknown argument --seconds (--events N, --quick, --keep)'],
  ])('refuses %j: %s', (argv, message) => {
    expect(refusal(argv)).toBe(message);
  });
});
