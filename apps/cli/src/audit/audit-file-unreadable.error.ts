import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** A file `audit verify-export` was given cannot be read: a usage error (exit 2), not a verdict. */
export class AuditFileUnreadableError extends InvalidInputError {
  constructor(path: string, reason: string) {
    super(
      'AUDIT_FILE_UNREADABLE',
      `${path} cannot be read: ${reason}`,
      { path, reason },
      { vi: `không đọc được tệp ${path}: ${reason}` },
    );
  }
}
