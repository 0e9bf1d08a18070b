import type { EnvelopeIssueCode } from '@docaxis/edxml/envelope/envelope-validation.error';

/**
 * What each problem of an envelope field is, in Vietnamese: the axis words an issue of
 * ENVELOPE_INVALID in English only (`details.issues[].message`, a published shape), so the CLI
 * words it from its stable code. The compiler refuses a code added without its wording.
 */
export const ENVELOPE_ISSUE_VI: Readonly<Record<EnvelopeIssueCode, string>> = {
  ENVELOPE_NOT_AN_OBJECT: 'phong bì phải là một đối tượng JSON',
  FIELD_REQUIRED: 'bắt buộc nhưng chưa có',
  FIELD_TYPE_INVALID: 'sai kiểu dữ liệu',
  FIELD_VALUE_INVALID: 'giá trị không hợp lệ',
  FIELD_TOO_LONG: 'dài quá mức cho phép',
  FIELD_UNKNOWN: 'không phải một trường của phong bì',
  TOO_MANY_ITEMS: 'nhiều mục quá mức cho phép',
  TEXT_CHARACTER_INVALID: 'chứa ký tự không được phép',
  AGENCY_CODE_INVALID: 'mã định danh cơ quan không đúng định dạng',
  EMAIL_INVALID: 'địa chỉ thư điện tử không hợp lệ',
  DATE_INVALID: 'ngày không hợp lệ',
  DUPLICATE_RECIPIENT: 'nơi nhận bị ghi lặp lại',
  SENDER_IS_RECIPIENT: 'là chính nơi gửi; cơ quan không gửi văn bản cho chính mình',
  NUMBER_NOTATION_INVALID: 'số, ký hiệu không đúng thể thức',
  NOTATION_TYPE_MISMATCH: 'ký hiệu không khớp với loại văn bản',
  DOCUMENT_TYPE_UNKNOWN: 'không phải loại văn bản theo Nghị định 30/2020/NĐ-CP',
  DOCUMENT_TYPE_CODE_MISMATCH: 'mã loại văn bản không khớp với tên loại văn bản',
  DUE_DATE_BEFORE_PROMULGATION: 'hạn xử lý sớm hơn ngày ban hành',
  DOCUMENT_ID_MISMATCH: 'mã văn bản không khớp với nơi gửi, ngày ban hành, số và ký hiệu',
  PRIORITY_URGENCY_MISMATCH: 'độ ưu tiên không khớp với độ khẩn',
};
