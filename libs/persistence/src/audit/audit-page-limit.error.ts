import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** A page of the audit trail was asked for with a size outside what the reader serves. */
export class AuditPageLimitError extends InvalidInputError {
  constructor(limit: number, max: number) {
    super(
      'AUDIT_PAGE_LIMIT_INVALID',
      `Page size must be an integer from 1 to ${max}, got ${limit}`,
      { limit, max },
      {
        vi: `Số bản ghi mỗi trang phải là số nguyên từ 1 đến ${max}, giá trị nhận được là ${limit}.`,
      },
    );
  }
}
