import { Injectable, Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitCounterRepository } from '@docaxis/persistence/rate-limit/rate-limit-counter.repository';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** At most one warning per this long while the counters cannot be reached. */
const UNREACHABLE_WARNING_INTERVAL_MS = 30_000;

/**
 * @nestjs/throttler's storage on PostgreSQL: one budget per agency however many gateway
 * instances serve it (the library's own storage counts in each instance's memory). If the
 * counters cannot be reached the request is let through (and a warning logged): limiting is a
 * safeguard, and a request that needs the database will fail on its own, with its own error.
 */
@Injectable()
export class SharedThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(SharedThrottlerStorage.name);
  private lastWarningAt = 0;

  constructor(private readonly counters: RateLimitCounterRepository) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const count = await this.counters.hit({
        key: `${throttlerName}:${key}`,
        windowMs: ttl,
        limit,
        blockMs: Math.max(0, blockDuration),
      });
      const overLimit = blockDuration <= 0 && count.hits > limit;
      return {
        totalHits: count.hits,
        timeToExpire: Math.ceil(count.windowRemainingMs / 1000),
        isBlocked: count.blockRemainingMs > 0 || overLimit,
        timeToBlockExpire: Math.ceil(
          (overLimit ? count.windowRemainingMs : count.blockRemainingMs) / 1000,
        ),
      };
    } catch (error) {
      this.warnUnreachable(error);
      return {
        totalHits: 0,
        timeToExpire: Math.ceil(ttl / 1000),
        isBlocked: false,
        timeToBlockExpire: 0,
      };
    }
  }

  private warnUnreachable(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarningAt < UNREACHABLE_WARNING_INTERVAL_MS) return;
    this.lastWarningAt = now;
    this.logger.warn(
      { err: error },
      'rate-limit counters unreachable: requests are not limited meanwhile',
    );
  }
}
