import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** A configured database role is not a plain PostgreSQL identifier. */
export class DatabaseRoleNameError extends InvalidInputError {
  constructor(role: string) {
    super(
      'DATABASE_ROLE_NAME_INVALID',
      `Database role "${role}" must be a lower-case identifier (a-z, 0-9, _; at most 63 characters)`,
      { role },
    );
  }
}
