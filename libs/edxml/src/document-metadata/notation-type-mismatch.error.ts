import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

export class NotationTypeMismatchError extends InvalidInputError {
  constructor(message: string) {
    super('NOTATION_TYPE_MISMATCH', message);
  }
}
