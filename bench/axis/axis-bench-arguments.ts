import { BenchArgumentError } from '../support/bench-argument-error';
import {
  NON_NEGATIVE_NUMBER,
  POSITIVE_NUMBER,
  readLogLevelArgument,
  readNumberArgument,
  readPathArgument,
} from '../support/bench-argument-values';

export interface AxisBenchArguments {
  quick: boolean;
  /** Seconds of load per scenario; the 64-sender scenario runs `sustainSeconds`. */
  scenarioSeconds: number;
  sustainSeconds: number;
  soakSeconds: number;
  /** Concurrent senders during the soak: a load the machine sustains, or a backlog grows too. */
  soakSenders: number;
  /** Each app forces a full GC every few seconds and records its heap after it (scripts/heap-probe.ts). */
  heapProbe: boolean;
  logLevel: string;
  skipLarge: boolean;
  /** Folder for each app's V8 CPU profile (node --cpu-prof), written when the app stops. */
  cpuProfileDir: string | null;
  /**
   * The gateway's ADMISSION_MAX_PENDING_VERIFICATION: its default, so the bench measures the
   * axis as deployed (0: no admission control, the backlog grows as fast as senders send).
   */
  admissionLimit: number;
  /** Measure the raw baselines (broker, verification, raw pipeline) only; start no app. */
  baselinesOnly: boolean;
}

const FULL: AxisBenchArguments = {
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

/**
 * `npm run bench [-- --quick] [--seconds N] [--sustain-seconds N] [--soak-seconds N]
 * [--soak-senders N] [--heap-probe] [--log-level L] [--skip-5mb] [--cpu-prof DIR] [--admission-limit N] [--baselines-only]`. Full by default (about 14 minutes with the soak); `--quick` is
 * the few-seconds smoke run CI uses.
 */
export function parseAxisBenchArguments(argv: readonly string[]): AxisBenchArguments {
  const result = { ...FULL };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    switch (argument) {
      case '--quick':
        Object.assign(result, {
          quick: true,
          scenarioSeconds: 2,
          sustainSeconds: 2,
          soakSeconds: 0,
        });
        break;
      case '--seconds':
        result.scenarioSeconds = readNumberArgument(argument, argv[++i], POSITIVE_NUMBER);
        break;
      case '--sustain-seconds':
        result.sustainSeconds = readNumberArgument(argument, argv[++i], POSITIVE_NUMBER);
        break;
      case '--soak-seconds':
        result.soakSeconds = readNumberArgument(argument, argv[++i], NON_NEGATIVE_NUMBER);
        break;
      case '--soak-senders':
        result.soakSenders = readNumberArgument(argument, argv[++i], POSITIVE_NUMBER);
        break;
      case '--heap-probe':
        result.heapProbe = true;
        break;
      case '--log-level':
        result.logLevel = readLogLevelArgument(argv[++i], { allowSilent: false });
        break;
      case '--cpu-prof':
        result.cpuProfileDir = readPathArgument(argument, argv[++i], 'a folder');
        break;
      case '--admission-limit':
        result.admissionLimit = readNumberArgument(argument, argv[++i], NON_NEGATIVE_NUMBER);
        if (!Number.isInteger(result.admissionLimit)) {
          throw new BenchArgumentError(`--admission-limit needs a whole number`);
        }
        break;
      case '--skip-5mb':
        result.skipLarge = true;
        break;
      case '--baselines-only':
        result.baselinesOnly = true;
        break;
      default:
        throw new BenchArgumentError(
          `unknown argument ${argument} (use --quick, --seconds N, --sustain-seconds N, --soak-seconds N, --soak-senders N, --heap-probe, --log-level L, --skip-5mb, --cpu-prof DIR, --admission-limit N, --baselines-only)`,
        );
    }
  }
  return result;
}
