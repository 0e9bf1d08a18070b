import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** A message that must not enter the outbox: it would be refused or parked downstream anyway. */
export class OutboxMessageInvalidError extends InvalidInputError {
  constructor(messageType: string, problems: readonly string[]) {
    super(
      'OUTBOX_MESSAGE_INVALID',
      `Outbox message ${messageType} is invalid: ${problems.join('; ')}`,
      {
        messageType,
        problems,
      },
    );
  }
}
