import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** A directory entry whose parent does not sit above it in the agency code's own levels. */
export class AgencyParentInvalidError extends InvalidInputError {
  constructor(code: string, parentCode: string) {
    super(
      'AGENCY_PARENT_INVALID',
      `Agency ${code} cannot have ${parentCode} as its parent: a parent's code is the child's with its deepest used level zeroed (000.00.14.H20 → 000.00.00.H20).`,
      { code, parentCode },
    );
  }
}
