import { RateLimitedError } from '@docaxis/errors/domain-error-kinds';

export class AgencyRateLimitedError extends RateLimitedError {
  constructor(limit: number, windowMs: number, retryAfterSeconds: number) {
    super(
      'RATE_LIMITED',
      `Too many requests: at most ${limit} per ${windowMs / 1000} s for your agency; retry in ${retryAfterSeconds} s.`,
      { limit, windowMs, retryAfterSeconds },
      {
        vi: `Quá nhiều yêu cầu: mỗi cơ quan được gửi tối đa ${limit} yêu cầu trong ${windowMs / 1000} giây; đề nghị thử lại sau ${retryAfterSeconds} giây.`,
      },
    );
  }
}
