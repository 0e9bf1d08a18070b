import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** A value given to the audit chain is not plain JSON, so it has no canonical form to hash. */
export class NonCanonicalJsonError extends InvalidInputError {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super('AUDIT_NON_CANONICAL_JSON', `Value at ${path} cannot be hashed as JSON: ${reason}`, {
      path,
    });
  }
}
