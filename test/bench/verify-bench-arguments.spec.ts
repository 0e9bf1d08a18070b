import { parseVerifyBenchArguments } from '../../bench/verify/verify-bench-arguments';
import { benchArgumentRefusal } from './bench-argument-refusal';

describe('npm run bench:verify arguments', () => {
  const refusal = (argv: string[]) => benchArgumentRefusal(parseVerifyBenchArguments, argv);

  it('defaults to 3 s per measurement; --quick is 0.5 s; --seconds sets it', () => {
    expect(parseVerifyBenchArguments([])).toEqual({ secondsPerMeasurement: 3 });
    expect(parseVerifyBenchArguments(['--quick'])).toEqual({ secondsPerMeasurement: 0.5 });
    expect(parseVerifyBenchArguments(['--seconds', '10'])).toEqual({ secondsPerMeasurement: 10 });
    expect(parseVerifyBenchArguments(['--seconds', '1.5'])).toEqual({ secondsPerMeasurement: 1.5 });
    expect(parseVerifyBenchArguments(['--seconds', '10', '--quick'])).toEqual({
      secondsPerMeasurement: 0.5,
    });
  });

  it.each([
    [['--seconds', 'abc'], '--seconds needs a positive number, got abc'],
    [['--seconds', '0'], '--seconds needs a positive number, got 0'],
    [['--seconds', '-2'], '--seconds needs a positive number, got -2'],
    [['--seconds', 'NaN'], '--seconds needs a positive number, got NaN'],
    [['--seconds', ''], '--seconds needs a positive number, got nothing'],
    [['--seconds'], '--seconds needs a positive number, got nothing'],
    [['--events', '5'], 'unknown argument --events (use --seconds N or --quick)'],
  ])('refuses %j: %s', (argv, message) => {
    expect(refusal(argv)).toBe(message);
  });
});
