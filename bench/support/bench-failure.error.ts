/** A benchmark whose premise does not hold (a fixture that fails, a baseline that does not verify,
 * apps that do not build or start, a request the axis refuses, a dispatch that never arrives). */
export class BenchFailureError extends Error {
  constructor(
    readonly code:
      | 'BENCH_FIXTURE_NOT_VALID'
      | 'BENCH_BASELINE_BROKEN'
      | 'BENCH_BUILD_FAILED'
      | 'BENCH_APP_DID_NOT_START'
      | 'BENCH_REQUEST_FAILED'
      | 'BENCH_DELIVERY_INCOMPLETE',
    message: string,
  ) {
    super(message);
    this.name = 'BenchFailureError';
  }
}
