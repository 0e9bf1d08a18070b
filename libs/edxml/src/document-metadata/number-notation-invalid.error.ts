import type { BilingualText } from '@docaxis/errors/domain-error';
import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** Which part of "số, ký hiệu" is wrong: the sequence number or the notation after the slash. */
export type NumberNotationPart = 'number' | 'notation';

export class NumberNotationInvalidError extends InvalidInputError {
  constructor(
    readonly part: NumberNotationPart,
    reason: BilingualText,
  ) {
    super(
      'NUMBER_NOTATION_INVALID',
      `${part === 'number' ? 'Number (số)' : 'Notation (ký hiệu)'} is invalid: ${reason.en}`,
      { part },
      {
        vi: `${part === 'number' ? 'Số' : 'Ký hiệu'} của văn bản không đúng quy định: ${reason.vi}.`,
      },
    );
  }
}
