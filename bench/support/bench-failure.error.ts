/** A benchmark whose premise does not hold (a fixture that fails, a baseline that does not verify). */
export class BenchFailureError extends Error {
  constructor(
    readonly code: 'BENCH_FIXTURE_NOT_VALID' | 'BENCH_BASELINE_BROKEN',
    message: string,
  ) {
    super(message);
    this.name = 'BenchFailureError';
  }
}
