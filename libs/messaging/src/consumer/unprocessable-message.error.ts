import { UnprocessableError } from '@docaxis/errors/domain-error-kinds';

/**
 * A message no retry can fix (unknown type, body breaking its contract). The consumer host parks
 * it at once instead of redelivering it up to the delivery limit. Handlers may throw it too.
 */
export class UnprocessableMessageError extends UnprocessableError {
  constructor(code: string, message: string, details?: Readonly<Record<string, unknown>>) {
    super(code, message, details);
  }
}
