/** Command-line options shared by the benchmarks: `--seconds N` per measurement, `--quick` ~0.5 s. */
export interface BenchArguments {
  secondsPerMeasurement: number;
}

export class BenchArgumentError extends Error {
  readonly code = 'BENCH_ARGUMENT_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'BenchArgumentError';
  }
}

export function parseBenchArguments(argv: readonly string[], defaultSeconds = 3): BenchArguments {
  let secondsPerMeasurement = defaultSeconds;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--quick') {
      secondsPerMeasurement = 0.5;
    } else if (argument === '--seconds') {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value <= 0) {
        throw new BenchArgumentError(`--seconds needs a positive number, got ${argv[i]}`);
      }
      secondsPerMeasurement = value;
    } else {
      throw new BenchArgumentError(`unknown argument ${argument} (use --seconds N or --quick)`);
    }
  }
  return { secondsPerMeasurement };
}
