import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

export class PageLimitInvalidError extends InvalidInputError {
  constructor(max: number) {
    super(
      'LIMIT_INVALID',
      `limit must be an integer from 1 to ${max}.`,
      { max },
      { vi: `Tham số limit phải là số nguyên từ 1 đến ${max}.` },
    );
  }
}

/** `limit` of a paged list: 50 (or the maximum, if lower) when absent. */
export function parsePageLimit(limitParam: string | undefined, max: number): number {
  const limit = limitParam === undefined ? Math.min(50, max) : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new PageLimitInvalidError(max);
  return limit;
}
