/** How long a lost connection waits before each new attempt. */
export interface ReconnectBackoffSettings {
  /** The longest first wait; each failure in a row doubles it. */
  readonly initialMs: number;
  /** The longest wait, however many failures in a row. */
  readonly maxMs: number;
}

/** 1 s, doubling to 30 s: the outage of a restart is bridged in seconds, a long one costs little. */
export const DEFAULT_RECONNECT_BACKOFF: ReconnectBackoffSettings = {
  initialMs: 1000,
  maxMs: 30_000,
};

/**
 * Waits between reconnection attempts: exponential (initial, 2×, 4×, … capped at max) with
 * "equal jitter", a random wait between half and all of that ceiling. When the database restarts,
 * every gateway and notifier instance loses its listening connection at the same instant; a fixed
 * delay would bring them all back in one burst, again and again while it is down, and the jitter
 * spreads them. Half the ceiling stays certain, so a failing server is never hammered.
 * `reset` after a success: the next outage starts again from the initial wait.
 */
export class ReconnectBackoff {
  private failures = 0;

  constructor(
    private readonly settings: ReconnectBackoffSettings = DEFAULT_RECONNECT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {
    if (!(settings.initialMs > 0) || !(settings.maxMs >= settings.initialMs)) {
      throw new RangeError(
        `reconnect backoff needs 0 < initialMs <= maxMs (got ${settings.initialMs}, ${settings.maxMs})`,
      );
    }
  }

  /** The wait before the next attempt, counting one more failure in a row. */
  nextDelayMs(): number {
    // The exponent is capped so 2 ** n stays a finite number whatever the outage's length.
    const ceiling = Math.min(
      this.settings.initialMs * 2 ** Math.min(this.failures, 40),
      this.settings.maxMs,
    );
    this.failures += 1;
    return Math.round(ceiling / 2 + (ceiling / 2) * this.random());
  }

  /** A connection succeeded: the next failure waits the initial delay again. */
  reset(): void {
    this.failures = 0;
  }
}
