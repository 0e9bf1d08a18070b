/** A refused command-line option of a benchmark, said before anything is started. */
export class BenchArgumentError extends Error {
  readonly code = 'BENCH_ARGUMENT_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'BenchArgumentError';
  }
}
