import { UnavailableError } from '@docaxis/errors/domain-error-kinds';

/**
 * `docaxis audit` could not connect to DATABASE_URL: exit 3 (retry may help), never 1, which says
 * the trail does not verify.
 */
export class AuditDatabaseUnreachableError extends UnavailableError {
  constructor(reason: string) {
    super(
      'AUDIT_DATABASE_UNREACHABLE',
      `cannot connect to DATABASE_URL: ${reason}`,
      { reason },
      { vi: `không kết nối được tới cơ sở dữ liệu DATABASE_URL: ${reason}` },
    );
  }
}
