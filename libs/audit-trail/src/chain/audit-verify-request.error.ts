import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** A verification was asked for a range or an anchor that does not describe records. */
export class AuditVerifyRequestError extends InvalidInputError {
  constructor(reason: string, details: Readonly<Record<string, unknown>>) {
    super('AUDIT_VERIFY_REQUEST_INVALID', `Cannot verify the audit chain: ${reason}`, details);
  }
}
