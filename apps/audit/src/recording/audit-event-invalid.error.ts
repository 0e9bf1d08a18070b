import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/**
 * An event handed to the appender does not fit the chain's columns. The mapper never produces
 * such an event; this guards the appender against other callers, before any row is written.
 */
export class AuditEventInvalidError extends InvalidInputError {
  constructor(
    readonly eventId: string,
    readonly field: string,
    reason: string,
  ) {
    super('AUDIT_EVENT_INVALID', `Audit event ${eventId}: ${field} ${reason}`, {
      eventId,
      field,
    });
  }
}
