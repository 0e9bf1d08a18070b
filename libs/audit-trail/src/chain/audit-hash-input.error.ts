import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** A record field cannot enter the chain hash (a programming error upstream, never data loss). */
export class AuditHashInputError extends InvalidInputError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super('AUDIT_HASH_INPUT_INVALID', `Audit record field ${field} ${reason}`, { field });
  }
}
