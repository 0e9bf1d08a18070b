import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A counter after one more hit, as the database saw it at that hit. */
export interface RateLimitCount {
  /** Hits in the current window, this one included. */
  hits: number;
  /** Milliseconds until the window ends (a new one starts with the next hit after it). */
  windowRemainingMs: number;
  /** Milliseconds until the block ends; 0 when not blocked. */
  blockRemainingMs: number;
}

export interface RateLimitHit {
  key: string;
  windowMs: number;
  limit: number;
  /**
   * How long a key that went over its limit is refused; 0: no block, only the hits over the
   * limit in the window are (the caller compares `hits` with the limit).
   */
  blockMs: number;
}

/**
 * Fixed-window request counters shared by every gateway instance (`rate_limit_counters`, an
 * UNLOGGED table). One statement per hit, atomic under concurrency (the upsert locks the key's
 * row): the hit that takes a key over its limit blocks it for `blockMs` (if any); the first hit after a
 * window or a block has ended starts a new window. All times are the database's
 * (statement_timestamp), so instances with skewed clocks still agree.
 */
@Injectable()
export class RateLimitCounterRepository {
  constructor(private readonly dataSource: DataSource) {}

  async hit({ key, windowMs, limit, blockMs }: RateLimitHit): Promise<RateLimitCount> {
    const [row]: {
      hits: number;
      window_remaining_ms: number;
      block_remaining_ms: number;
    }[] = await this.dataSource.query(
      `WITH now AS (SELECT statement_timestamp() AS at)
       INSERT INTO rate_limit_counters AS c (key, hits, window_ends_at, blocked_until)
       SELECT $1, 1, now.at + $2 * interval '1 millisecond',
              CASE WHEN 1 > $3 AND $4 > 0 THEN now.at + $4 * interval '1 millisecond' END
         FROM now
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN coalesce(c.blocked_until, c.window_ends_at) <= statement_timestamp()
                     THEN 1 ELSE c.hits + 1 END,
         window_ends_at = CASE WHEN coalesce(c.blocked_until, c.window_ends_at) <= statement_timestamp()
                               THEN excluded.window_ends_at ELSE c.window_ends_at END,
         blocked_until = CASE
           WHEN coalesce(c.blocked_until, c.window_ends_at) <= statement_timestamp()
             THEN excluded.blocked_until
           WHEN c.blocked_until IS NOT NULL THEN c.blocked_until
           WHEN c.hits + 1 > $3 AND $4 > 0 THEN statement_timestamp() + $4 * interval '1 millisecond'
         END
       RETURNING hits,
         greatest(0, extract(epoch FROM window_ends_at - statement_timestamp()) * 1000)::float8
           AS window_remaining_ms,
         coalesce(greatest(0, extract(epoch FROM blocked_until - statement_timestamp()) * 1000), 0)::float8
           AS block_remaining_ms`,
      [key, windowMs, limit, blockMs],
    );
    return {
      hits: row.hits,
      windowRemainingMs: row.window_remaining_ms,
      blockRemainingMs: row.block_remaining_ms,
    };
  }
}
