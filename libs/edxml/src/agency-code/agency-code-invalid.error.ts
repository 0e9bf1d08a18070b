import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** Why an agency code was refused; stable, so callers and tests can tell the cases apart. */
export type AgencyCodeProblem =
  | 'NOT_A_STRING'
  | 'EMPTY'
  | 'TOO_LONG'
  | 'LOWER_CASE'
  | 'INVISIBLE_CHARACTER'
  | 'NON_ASCII_CHARACTER'
  | 'CHARACTER_NOT_ALLOWED'
  | 'EMPTY_GROUP'
  | 'TOO_FEW_GROUPS'
  | 'LEVEL_ONE_GROUP_INVALID'
  | 'LEVEL_GAP';

export class AgencyCodeInvalidError extends InvalidInputError {
  constructor(
    readonly problem: AgencyCodeProblem,
    reason: string,
  ) {
    super('AGENCY_CODE_INVALID', `Agency code (mã định danh) is invalid: ${reason}`, { problem });
  }
}
