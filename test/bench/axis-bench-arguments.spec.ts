import { parseAxisBenchArguments } from '../../bench/axis/axis-bench-arguments';
import { benchArgumentRefusal } from './bench-argument-refusal';

describe('npm run bench arguments', () => {
  const refusal = (argv: string[]) => benchArgumentRefusal(parseAxisBenchArguments, argv);
  const full = {
    quick: false,
    scenarioSeconds: 20,
    sustainSeconds: 60,
    soakSeconds: 600,
    soakSenders: 8,
    heapProbe: false,
    logLevel: 'info',
    skipLarge: false,
    cpuProfileDir: null,
    admissionLimit: 200,
    baselinesOnly: false,
  };

  it('defaults to the full run', () => {
    expect(parseAxisBenchArguments([])).toEqual(full);
  });

  it('--quick shortens the scenarios and skips the soak; a later --seconds still counts', () => {
    expect(parseAxisBenchArguments(['--quick'])).toEqual({
      ...full,
      quick: true,
      scenarioSeconds: 2,
      sustainSeconds: 2,
      soakSeconds: 0,
    });
    expect(parseAxisBenchArguments(['--quick', '--seconds', '1'])).toMatchObject({
      quick: true,
      scenarioSeconds: 1,
    });
  });

  it('reads each option', () => {
    expect(
      parseAxisBenchArguments([
        '--seconds',
        '3',
        '--sustain-seconds',
        '10.5',
        '--soak-seconds',
        '0',
        '--soak-senders',
        '3',
        '--heap-probe',
        '--log-level',
        'warn',
        '--skip-5mb',
        '--cpu-prof',
        '/tmp/prof',
        '--admission-limit',
        '0',
        '--baselines-only',
      ]),
    ).toEqual({
      quick: false,
      scenarioSeconds: 3,
      sustainSeconds: 10.5,
      soakSeconds: 0,
      soakSenders: 3,
      heapProbe: true,
      logLevel: 'warn',
      skipLarge: true,
      cpuProfileDir: '/tmp/prof',
      admissionLimit: 0,
      baselinesOnly: true,
    });
    expect(parseAxisBenchArguments(['--admission-limit', '40']).admissionLimit).toBe(40);
  });

  it.each([
    [['--seconds', 'abc'], '--seconds needs a positive number, got abc'],
    [['--seconds', '0'], '--seconds needs a positive number, got 0'],
    [['--seconds', '-1'], '--seconds needs a positive number, got -1'],
    [['--seconds', 'Infinity'], '--seconds needs a positive number, got Infinity'],
    [['--seconds'], '--seconds needs a positive number, got nothing'],
    [['--sustain-seconds', '0'], '--sustain-seconds needs a positive number, got 0'],
    [['--sustain-seconds'], '--sustain-seconds needs a positive number, got nothing'],
    [['--soak-seconds', '-5'], '--soak-seconds needs a non-negative number, got -5'],
    [['--soak-seconds', 'x'], '--soak-seconds needs a non-negative number, got x'],
    // Number('') is 0: a blank value must not pass for "no soak".
    [['--soak-seconds', ''], '--soak-seconds needs a non-negative number, got nothing'],
    [['--soak-senders', '0'], '--soak-senders needs a positive number, got 0'],
    [['--admission-limit', '-1'], '--admission-limit needs a non-negative number, got -1'],
    [['--admission-limit', ' '], '--admission-limit needs a non-negative number, got nothing'],
    [['--admission-limit', '2.5'], '--admission-limit needs a whole number'],
    [['--log-level', 'loud'], '--log-level must be a pino level, got loud'],
    [['--log-level', 'silent'], '--log-level must be a pino level, got silent'],
    [['--log-level'], '--log-level must be a pino level, got nothing'],
    [['--cpu-prof'], '--cpu-prof needs a folder'],
  ])('refuses %j: %s', (argv, message) => {
    expect(refusal(argv)).toBe(message);
  });

  it('refuses an unknown option and lists the known ones', () => {
    expect(refusal(['--count', '5'])).toBe(
      'unknown argument --count (use --quick, --seconds N, --sustain-seconds N, --soak-seconds N, --soak-senders N, --heap-probe, --log-level L, --skip-5mb, --cpu-prof DIR, --admission-limit N, --baselines-only)',
    );
  });
});
