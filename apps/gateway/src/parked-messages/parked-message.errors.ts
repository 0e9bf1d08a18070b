import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  UnprocessableError,
} from '@docaxis/errors/domain-error-kinds';
import type { ParkedMessageState } from '@docaxis/persistence/parked-message/parked-message.entity';

export class ParkedMessageNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('PARKED_MESSAGE_NOT_FOUND', `No parked message has the id "${id}".`, { id });
  }
}

/** Redriving or discarding a message an operator already redrove or discarded. */
export class ParkedMessageAlreadyResolvedError extends ConflictError {
  constructor(id: string, state: Exclude<ParkedMessageState, 'parked'>) {
    super('PARKED_MESSAGE_ALREADY_RESOLVED', `The parked message "${id}" was already ${state}.`, {
      id,
      state,
    });
  }
}

/** Without a type or a JSON object body no consumer could take it back: discard it instead. */
export class ParkedMessageNotRedrivableError extends UnprocessableError {
  constructor(id: string, reason: string) {
    super(
      'PARKED_MESSAGE_NOT_REDRIVABLE',
      `The parked message "${id}" cannot be redriven: ${reason}. Discard it with a reason.`,
      { id },
    );
  }
}

export class ParkedMessageQueryInvalidError extends InvalidInputError {
  constructor(problem: string) {
    super('PARKED_MESSAGE_QUERY_INVALID', `The parked message query is invalid: ${problem}.`);
  }
}

export class DiscardReasonInvalidError extends InvalidInputError {
  constructor() {
    super(
      'DISCARD_REASON_INVALID',
      'Discarding a parked message needs a "reason" of 1 to 2000 characters.',
    );
  }
}
