import { BenchArgumentError } from '../support/bench-argument-error';
import { POSITIVE_NUMBER, readNumberArgument } from '../support/bench-argument-values';

export interface VerifyBenchArguments {
  /** Seconds each measurement runs (docaxis and the baseline share them in alternating slices). */
  secondsPerMeasurement: number;
}

/** `npm run bench:verify [-- --seconds N | --quick]`: 3 s per measurement, `--quick` ~0.5 s. */
export function parseVerifyBenchArguments(argv: readonly string[]): VerifyBenchArguments {
  let secondsPerMeasurement = 3;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--quick') {
      secondsPerMeasurement = 0.5;
    } else if (argument === '--seconds') {
      secondsPerMeasurement = readNumberArgument(argument, argv[++i], POSITIVE_NUMBER);
    } else {
      throw new BenchArgumentError(`unknown argument ${argument} (use --seconds N or --quick)`);
    }
  }
  return { secondsPerMeasurement };
}
