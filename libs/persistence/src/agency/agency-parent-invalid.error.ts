import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** A directory entry whose parent does not sit above it in the agency code's own levels. */
export class AgencyParentInvalidError extends InvalidInputError {
  constructor(code: string, parentCode: string) {
    super(
      'AGENCY_PARENT_INVALID',
      `Agency ${code} cannot have ${parentCode} as its parent: a parent's code is the child's with its deepest used level zeroed (000.00.14.H20 → 000.00.00.H20).`,
      { code, parentCode },
      {
        vi: `Cơ quan, tổ chức ${code} không thể có cơ quan cấp trên là ${parentCode}: mã của cơ quan cấp trên là mã của đơn vị với cấp thấp nhất đang dùng đặt về 0 (000.00.14.H20 → 000.00.00.H20).`,
      },
    );
  }
}
