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

/** The Vietnamese of each problem; the English reason quotes the offending character instead. */
const PROBLEM_VI: Readonly<Record<AgencyCodeProblem, string>> = {
  NOT_A_STRING: 'mã phải là một chuỗi ký tự',
  EMPTY: 'mã để trống',
  TOO_LONG: 'mã dài quá 35 ký tự',
  LOWER_CASE: 'mã có chữ thường; chỉ dùng chữ in hoa (A-Z)',
  INVISIBLE_CHARACTER: 'mã có ký tự ẩn',
  NON_ASCII_CHARACTER:
    'mã có ký tự ngoài bảng ASCII (không chấp nhận các ký tự trông giống như chữ Kirin hay ký tự toàn độ rộng)',
  CHARACTER_NOT_ALLOWED: 'mã có ký tự không được phép; chỉ dùng A-Z, 0-9 và dấu "."',
  EMPTY_GROUP: 'mã có nhóm ký tự để trống giữa hai dấu "."',
  TOO_FEW_GROUPS: 'mã không đủ số nhóm ký tự',
  LEVEL_ONE_GROUP_INVALID:
    'nhóm cấp 1 (cuối mã) phải gồm một chữ cái và hai chữ số, ví dụ G22, H41',
  LEVEL_GAP: 'mã có cấp bị bỏ trống (số 0) nằm giữa các cấp đã dùng',
};

export class AgencyCodeInvalidError extends InvalidInputError {
  constructor(
    readonly problem: AgencyCodeProblem,
    reason: string,
  ) {
    super(
      'AGENCY_CODE_INVALID',
      `Agency code (mã định danh) is invalid: ${reason}`,
      { problem },
      { vi: `Mã định danh không hợp lệ: ${PROBLEM_VI[problem]}.` },
    );
  }
}
