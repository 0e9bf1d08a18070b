import { parseSubmissionBenchArguments } from '../../bench/submission/submission-bench-arguments';
import { benchArgumentRefusal } from './bench-argument-refusal';

describe('npm run bench:submission arguments', () => {
  const refusal = (argv: string[]) => benchArgumentRefusal(parseSubmissionBenchArguments, argv);

  it('defaults, and reads each option', () => {
    expect(parseSubmissionBenchArguments([])).toEqual({
      measure: 'submissions',
      count: 300,
      concurrency: 8,
      warmup: 300,
      logLevel: 'warn',
      cpuProfile: null,
      allocationProfile: null,
      callgrind: false,
    });
    expect(
      parseSubmissionBenchArguments([
        '--measure',
        'inbox-polls',
        '--count',
        '40',
        '--concurrency',
        '2',
        '--warmup',
        '60',
        '--log-level',
        'error',
        '--cpu-prof',
        '/tmp/gateway.cpuprofile',
        '--alloc-prof',
        '/tmp/gateway.heapprofile',
        '--callgrind',
      ]),
    ).toEqual({
      measure: 'inbox-polls',
      count: 40,
      concurrency: 2,
      warmup: 60,
      logLevel: 'error',
      cpuProfile: '/tmp/gateway.cpuprofile',
      allocationProfile: '/tmp/gateway.heapprofile',
      callgrind: true,
    });
  });

  it.each([
    [['--count', 'abc'], '--count needs a positive integer, got abc'],
    [['--count', '0'], '--count needs a positive integer, got 0'],
    [['--count', '-5'], '--count needs a positive integer, got -5'],
    [['--count', '2.5'], '--count needs a positive integer, got 2.5'],
    [['--count', ''], '--count needs a positive integer, got nothing'],
    [['--count'], '--count needs a positive integer, got nothing'],
    [['--concurrency', 'NaN'], '--concurrency needs a positive integer, got NaN'],
    [['--concurrency', '0'], '--concurrency needs a positive integer, got 0'],
    [['--concurrency', 'Infinity'], '--concurrency needs a positive integer, got Infinity'],
    [['--warmup', '0'], '--warmup needs a positive integer, got 0'],
  ])('refuses %j: %s', (argv, message) => {
    expect(refusal(argv)).toBe(message);
  });

  it('refuses a log level pino does not know, a profile without a file, an unknown request kind, an unknown option', () => {
    expect(refusal(['--log-level', 'loud'])).toBe('--log-level must be a pino level, got loud');
    expect(refusal(['--log-level'])).toBe('--log-level must be a pino level, got nothing');
    expect(refusal(['--cpu-prof'])).toBe('--cpu-prof needs a file');
    expect(refusal(['--alloc-prof'])).toBe('--alloc-prof needs a file');
    expect(refusal(['--measure', 'acks'])).toBe(
      '--measure must be submissions or inbox-polls, got acks',
    );
    expect(refusal(['--measure'])).toBe(
      '--measure must be submissions or inbox-polls, got nothing',
    );
    expect(refusal(['--quick'])).toContain(
      'unknown argument --quick (--measure submissions|inbox-polls, --count N',
    );
  });
});
