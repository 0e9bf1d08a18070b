/** The axis answered with an error body (4xx/5xx): its stable code and message. */
export class AxisApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(`${code}: ${message}`);
    this.name = 'AxisApiError';
  }
}

/** The axis could not be reached (connection refused, TLS failure, time-out). */
export class AxisUnreachableError extends Error {
  /** `message`: worded in the CLI's --lang, naming the URL and the reason. */
  constructor(message: string) {
    super(message);
    this.name = 'AxisUnreachableError';
  }
}
