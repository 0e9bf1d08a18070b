/** What the sampler needs from its surroundings; injected so tests control time and failures. */
export interface BacklogSamplerOptions<Sample> {
  /** Reads the backlog now (one query). */
  count: () => Promise<Sample>;
  /** A new sample starts at most this often. */
  intervalMs: number;
  /** Told once when sampling starts failing, and once when it works again. */
  warn: (message: string) => void;
  now?: () => number;
}

/**
 * The backlog of dispatches awaiting verification, as this gateway instance last counted it.
 * Every request reads the last sample; a stale one starts one new count (single flight) that
 * later requests will see, so a request never waits for the database, except the first ever.
 * When counting fails the backlog is unknown and `latest()` says `undefined`: admission then
 * lets submissions in (fails open), as the submission itself needs the same database and will
 * report a real outage better than a guess about the backlog would.
 */
export class VerificationBacklogSampler<Sample> {
  private latestCount: Sample | undefined;
  private sampledAt = Number.NEGATIVE_INFINITY;
  private sampling: Promise<void> | null = null;
  /** Whether any sample has finished (or failed). */
  private sampled = false;
  private failing = false;
  private readonly now: () => number;

  constructor(private readonly options: BacklogSamplerOptions<Sample>) {
    this.now = options.now ?? (() => performance.now());
  }

  /** The last sampled backlog (undefined: unknown); starts a new sample when it is stale. */
  async latest(): Promise<Sample | undefined> {
    if (!this.sampling && this.now() - this.sampledAt >= this.options.intervalMs) {
      this.sampledAt = this.now();
      this.sampling = this.sample().finally(() => {
        this.sampling = null;
      });
    }
    // Only the very first requests wait: before that there is nothing to go by.
    if (!this.sampled) await this.sampling;
    return this.latestCount;
  }

  private async sample(): Promise<void> {
    try {
      this.latestCount = await this.options.count();
      if (this.failing) this.options.warn('the verification backlog can be counted again');
      this.failing = false;
    } catch (error) {
      this.latestCount = undefined;
      if (!this.failing) {
        this.options.warn(
          `cannot count the verification backlog, admitting submissions meanwhile: ${(error as Error).message}`,
        );
      }
      this.failing = true;
    } finally {
      this.sampled = true;
    }
  }
}
