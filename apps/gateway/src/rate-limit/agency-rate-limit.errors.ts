import { RateLimitedError } from '@docaxis/errors/domain-error-kinds';

export class AgencyRateLimitedError extends RateLimitedError {
  constructor(limit: number, windowMs: number, retryAfterSeconds: number) {
    super(
      'RATE_LIMITED',
      `Too many requests: at most ${limit} per ${windowMs / 1000} s for your agency; retry in ${retryAfterSeconds} s.`,
      { limit, windowMs, retryAfterSeconds },
    );
  }
}
