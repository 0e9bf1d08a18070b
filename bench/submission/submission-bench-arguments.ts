import { BenchArgumentError } from '../support/bench-argument-error';
import {
  POSITIVE_INTEGER,
  readLogLevelArgument,
  readNumberArgument,
  readPathArgument,
} from '../support/bench-argument-values';

/**
 * What the measured window sends: dispatch submissions, or the recipients' empty inbox polls
 * (GET /inbox, no wait), which are more numerous and pay the same per-request overhead.
 */
export type SubmissionBenchRequest = 'submissions' | 'inbox-polls';

export interface SubmissionBenchArguments {
  measure: SubmissionBenchRequest;
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
  /**
   * Writes a V8 sampling heap profile of the window to this file: where the gateway allocates,
   * collected objects included (what makes it collect garbage), one sample per 4 KB.
   */
  allocationProfile: string | null;
  /**
   * The gateway runs under valgrind's callgrind with instrumentation off at start
   * (`--instr-atstart=no`): switch it on for the measured window only (`callgrind_control -i`),
   * so the profile counts the window's instructions and not start-up or warm-up.
   */
  callgrind: boolean;
}

const USAGE =
  '--measure submissions|inbox-polls, --count N, --concurrency C, --warmup W, --log-level L, --cpu-prof FILE, --alloc-prof FILE, --callgrind';

/**
 * `npm run bench:submission [-- --measure submissions|inbox-polls --count N --concurrency C --warmup W --log-level L
 * --cpu-prof FILE --alloc-prof FILE --callgrind]`.
 * Refuses what would measure nothing or divide by zero (a count or concurrency that is not a
 * positive integer) before the axis is started.
 */
export function parseSubmissionBenchArguments(argv: readonly string[]): SubmissionBenchArguments {
  const result: SubmissionBenchArguments = {
    measure: 'submissions',
    count: 300,
    concurrency: 8,
    warmup: 300,
    logLevel: 'warn',
    cpuProfile: null,
    allocationProfile: null,
    callgrind: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    switch (argument) {
      case '--measure': {
        const measure = argv[++i] ?? '';
        if (measure !== 'submissions' && measure !== 'inbox-polls') {
          throw new BenchArgumentError(
            `--measure must be submissions or inbox-polls, got ${measure || 'nothing'}`,
          );
        }
        result.measure = measure;
        break;
      }
      case '--count':
        result.count = readNumberArgument(argument, argv[++i], POSITIVE_INTEGER);
        break;
      case '--concurrency':
        result.concurrency = readNumberArgument(argument, argv[++i], POSITIVE_INTEGER);
        break;
      case '--warmup':
        result.warmup = readNumberArgument(argument, argv[++i], POSITIVE_INTEGER);
        break;
      case '--log-level':
        result.logLevel = readLogLevelArgument(argv[++i], { allowSilent: true });
        break;
      case '--cpu-prof':
        result.cpuProfile = readPathArgument(argument, argv[++i], 'a file');
        break;
      case '--alloc-prof':
        result.allocationProfile = readPathArgument(argument, argv[++i], 'a file');
        break;
      case '--callgrind':
        result.callgrind = true;
        break;
      default:
        throw new BenchArgumentError(`unknown argument ${argument} (${USAGE})`);
    }
  }
  return result;
}
