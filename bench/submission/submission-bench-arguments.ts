import { BenchArgumentError } from '../support/bench-arguments';

export interface SubmissionBenchArguments {
  count: number;
  concurrency: number;
  /**
   * Submissions sent before the measured window. V8 goes on optimizing the gateway's code for a
   * few hundred: after 50, its compiler threads were still ~15 % of the window's CPU (perf).
   */
  warmup: number;
  logLevel: string;
  /** Writes a V8 CPU profile of the measured window (the gateway's side only) to this file. */
  cpuProfile: string | null;
}

const USAGE = '--count N, --concurrency C, --warmup W, --log-level L, --cpu-prof FILE';

/**
 * `npm run bench:submission [-- --count N --concurrency C --warmup W --log-level L
 * --cpu-prof FILE]`.
 * Refuses what would measure nothing or divide by zero (a count or concurrency that is not a
 * positive integer) before the axis is started.
 */
export function parseSubmissionBenchArguments(argv: readonly string[]): SubmissionBenchArguments {
  const result: SubmissionBenchArguments = {
    count: 300,
    concurrency: 8,
    warmup: 300,
    logLevel: 'warn',
    cpuProfile: null,
  };
  const positiveInteger = (flag: string, raw: string | undefined): number => {
    const value = Number(raw);
    if (raw === undefined || raw.trim() === '' || !Number.isInteger(value) || value < 1) {
      throw new BenchArgumentError(
        `${flag} needs a positive integer, got ${raw?.trim() ? raw : 'nothing'}`,
      );
    }
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    switch (argument) {
      case '--count':
        result.count = positiveInteger(argument, argv[++i]);
        break;
      case '--concurrency':
        result.concurrency = positiveInteger(argument, argv[++i]);
        break;
      case '--warmup':
        result.warmup = positiveInteger(argument, argv[++i]);
        break;
      case '--log-level':
        result.logLevel = argv[++i] ?? '';
        if (!/^(fatal|error|warn|info|debug|trace|silent)$/.test(result.logLevel)) {
          throw new BenchArgumentError(
            `--log-level must be a pino level, got ${result.logLevel || 'nothing'}`,
          );
        }
        break;
      case '--cpu-prof':
        result.cpuProfile = argv[++i] ?? '';
        if (!result.cpuProfile) throw new BenchArgumentError('--cpu-prof needs a file');
        break;
      default:
        throw new BenchArgumentError(`unknown argument ${argument} (${USAGE})`);
    }
  }
  return result;
}
