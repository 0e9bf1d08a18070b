import type { BilingualText } from '@docaxis/errors/domain-error';
import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

export class NotationTypeMismatchError extends InvalidInputError {
  constructor(message: BilingualText) {
    super('NOTATION_TYPE_MISMATCH', message.en, undefined, { vi: message.vi });
  }
}
