import type { ReportMessage } from '../document-verification-report';
import { REPORT_MESSAGE_CODES, type ReportMessageCode } from '../report-message-code';
import { revocationExplanationVi } from './revocation-explanation.vi';

/**
 * What each finding code means, in Vietnamese: the words of a finding whose `text` (English)
 * carries no explanation. Its particulars (byte offsets, algorithms, instants) are left to the
 * English report; the verdict and the other rows of the report say the rest.
 */
export const REPORT_MESSAGE_VI: Readonly<Record<ReportMessageCode, string>> = {
  PDF_NOT_A_PDF: 'Tệp không phải là tệp PDF.',
  PDF_TOO_LARGE: 'Tệp PDF vượt quá kích thước tối đa được kiểm tra.',
  PDF_TOO_MANY_OBJECTS: 'Tệp PDF có quá nhiều đối tượng để kiểm tra an toàn.',
  PDF_STREAM_TOO_LARGE: 'Tệp PDF có luồng dữ liệu vượt quá giới hạn cho phép.',
  PDF_NESTING_TOO_DEEP: 'Cấu trúc tệp PDF lồng nhau quá sâu để kiểm tra an toàn.',
  PDF_UNPARSEABLE: 'Không đọc được cấu trúc tệp PDF (tệp hỏng).',
  PDF_TRAILING_DATA: 'Có dữ liệu lạ phía sau phần kết thúc của tệp PDF.',
  PDF_NO_SIGNATURE: 'Tệp PDF không có chữ ký số.',
  PDF_TOO_MANY_SIGNATURES: 'Tệp PDF có nhiều chữ ký hơn số lượng được kiểm tra.',
  PDF_DUPLICATE_SIGNATURE_REFERENCE: 'Nhiều trường chữ ký cùng trỏ tới một chữ ký.',
  DOCUMENT_TIMESTAMP_IGNORED: 'Dấu thời gian cấp tài liệu không được dùng để kiểm tra.',
  SIGNATURE_DICTIONARY_MISSING: 'Trường chữ ký không có từ điển chữ ký.',
  SIGNATURE_NOT_IN_FORM: 'Chữ ký không thuộc biểu mẫu (AcroForm) của tệp.',
  BYTE_RANGE_MISSING: 'Chữ ký không khai báo vùng dữ liệu được ký (ByteRange).',
  BYTE_RANGE_INVALID: 'Vùng dữ liệu được ký (ByteRange) không hợp lệ.',
  BYTE_RANGE_NOT_IN_FILE: 'Vùng dữ liệu được ký (ByteRange) nằm ngoài tệp.',
  CONTENTS_NOT_HEX_STRING: 'Giá trị chữ ký (Contents) không phải chuỗi thập lục phân.',
  CONTENTS_MISMATCH: 'Giá trị chữ ký (Contents) không nằm đúng khoảng trống giữa các vùng được ký.',
  CONTENTS_TRAILING_DATA: 'Có dữ liệu lạ phía sau giá trị chữ ký (Contents).',
  SUB_FILTER_UNSUPPORTED: 'Định dạng chữ ký (SubFilter) không được hỗ trợ.',
  NOT_WHOLE_FILE: 'Chữ ký không bao trùm toàn bộ tệp: có phần được thêm vào sau khi ký.',
  MODIFICATIONS_ALLOWED:
    'Các bản cập nhật sau khi ký chỉ gồm những thay đổi được phép (chữ ký, dấu tiếp theo).',
  MODIFICATIONS_DISALLOWED:
    'Tài liệu đã bị thay đổi sau chữ ký này theo cách không chữ ký nào cho phép.',
  SIGNED_RANGE_NOT_AT_REVISION_END: 'Vùng được ký không kết thúc ở cuối một phiên bản của tệp.',
  CMS_MALFORMED: 'Cấu trúc chữ ký (CMS) bị hỏng hoặc không đúng định dạng.',
  CMS_SIGNER_COUNT: 'Chữ ký (CMS) phải có đúng một người ký.',
  CMS_CONTENT_TYPE_NOT_DATA: 'Kiểu nội dung của chữ ký (CMS) không phải là dữ liệu (id-data).',
  CMS_NOT_DETACHED: 'Chữ ký (CMS) không ở dạng tách rời (detached) như PAdES yêu cầu.',
  CMS_CERTIFICATE_UNREADABLE: 'Không đọc được một chứng thư kèm theo chữ ký.',
  CMS_NO_SIGNED_ATTRIBUTES: 'Chữ ký không có thuộc tính được ký.',
  CONTENT_TYPE_ATTRIBUTE_INVALID:
    'Thuộc tính kiểu nội dung (content-type) của chữ ký không hợp lệ.',
  MESSAGE_DIGEST_ATTRIBUTE_INVALID:
    'Thuộc tính giá trị băm (message-digest) của chữ ký không hợp lệ.',
  MESSAGE_DIGEST_MISMATCH:
    'Giá trị băm của nội dung không khớp với giá trị đã ký: nội dung đã bị thay đổi sau khi ký.',
  SIGNATURE_INVALID: 'Giá trị chữ ký không khớp với khóa công khai của chứng thư người ký.',
  SIGNER_CERTIFICATE_NOT_FOUND: 'Không tìm thấy chứng thư của người ký trong chữ ký.',
  SIGNING_CERTIFICATE_ATTRIBUTE_MISMATCH:
    'Thuộc tính signing-certificate không khớp với chứng thư của người ký.',
  SIGNING_CERTIFICATE_ATTRIBUTE_MISSING: 'Chữ ký thiếu thuộc tính signing-certificate.',
  SIGNING_TIME_MISSING:
    'Chữ ký không có thời điểm ký: các chứng thư được kiểm tra tại thời điểm kiểm tra.',
  SIGNING_TIME_IN_FUTURE: 'Thời điểm ký được khai muộn hơn thời điểm kiểm tra.',
  SIGNATURE_TIMESTAMP_IGNORED: 'Dấu thời gian của chữ ký không được dùng.',
  SIGNATURE_TIMESTAMP_VALID:
    'Chữ ký có dấu thời gian hợp lệ: chữ ký đã tồn tại tại thời điểm đóng dấu.',
  SIGNATURE_TIMESTAMP_INVALID: 'Dấu thời gian của chữ ký không hợp lệ nên không được dùng.',
  SIGNING_TIME_AFTER_TIMESTAMP:
    'Thời điểm ký được khai muộn hơn thời điểm đóng dấu; thời điểm đóng dấu được dùng.',
  ALGORITHM_UNSUPPORTED: 'Thuật toán của chữ ký không được hỗ trợ.',
  WEAK_ALGORITHM: 'Chữ ký hoặc chuỗi chứng thư dùng thuật toán yếu, không còn an toàn.',
  KEY_TOO_SHORT: 'Khóa của người ký quá ngắn, không còn an toàn.',
  XML_SIGNATURE_MALFORMED: 'Chữ ký XML bị hỏng hoặc không đúng định dạng.',
  XML_SIGNATURE_REFERENCE_INVALID: 'Một tham chiếu của chữ ký XML không khớp với nội dung được ký.',
  CHAIN_NOT_FOUND: 'Không dựng được chuỗi chứng thư tới CA gốc tin cậy.',
  CERTIFICATE_EXPIRED: 'Một chứng thư trong chuỗi đã hết hạn tại thời điểm ký.',
  CERTIFICATE_NOT_YET_VALID: 'Một chứng thư trong chuỗi chưa có hiệu lực tại thời điểm ký.',
  CERTIFICATE_EXPIRED_NO_POE:
    'Một chứng thư trong chuỗi đã hết hạn và không có dấu thời gian chứng minh chữ ký được tạo khi chứng thư còn hạn.',
  ISSUER_NOT_CA: 'Chứng thư cấp phát trong chuỗi không phải là chứng thư CA.',
  ISSUER_KEY_USAGE: 'Một chứng thư CA trong chuỗi không được phép ký chứng thư (keyUsage).',
  PATH_LENGTH_EXCEEDED: 'Chuỗi chứng thư dài hơn mức CA cho phép (pathLenConstraint).',
  SIGNER_KEY_USAGE: 'Chứng thư của người ký không được phép dùng để ký số (keyUsage).',
  SIGNER_EXTENDED_KEY_USAGE:
    'Chứng thư của người ký chỉ dành cho mục đích khác, không được dùng để ký văn bản (extendedKeyUsage).',
  UNKNOWN_CRITICAL_EXTENSION:
    'Một chứng thư có phần mở rộng bắt buộc (critical) không được hỗ trợ.',
  CERTIFICATE_REVOKED: 'Chứng thư đã bị thu hồi trước thời điểm ký.',
  CERTIFICATE_REVOKED_AFTER_SIGNING: 'Chứng thư bị thu hồi sau thời điểm ký; chữ ký vẫn hợp lệ.',
  CERTIFICATE_REVOKED_KEY_COMPROMISE:
    'Chứng thư bị thu hồi do lộ khóa (hoặc không nêu lý do) và không có dấu thời gian chứng minh chữ ký có trước đó.',
  CERTIFICATE_ON_HOLD: 'Chứng thư đang bị CA tạm dừng (certificateHold); cần kiểm tra lại sau.',
  REVOCATION_UNKNOWN: 'Không xác định được tình trạng thu hồi của chứng thư; cần kiểm tra lại sau.',
  SIGNER_KIND_AMBIGUOUS: 'Chứng thư của người ký mang cả chính sách của tổ chức lẫn của cá nhân.',
  SIGNER_KIND_UNKNOWN:
    'Chứng thư của người ký không mang chính sách nào đã cấu hình (tổ chức hoặc cá nhân).',
  UNEXPECTED_VALIDATION_ERROR:
    'Lỗi không lường trước khi kiểm tra tệp; chữ ký không được coi là hợp lệ.',
  FILE_UNREADABLE:
    'Không đọc được tệp: không có tệp ở đường dẫn này, đó là thư mục, hoặc không có quyền đọc.',
};

/**
 * The validity findings judged at the validation time (`judgedAt`): the signature states no
 * signing time, so "at the time of signing" would name a time there is not.
 */
const JUDGED_AT_VALIDATION_TIME_VI: Readonly<Partial<Record<ReportMessageCode, string>>> = {
  CERTIFICATE_EXPIRED:
    'Một chứng thư trong chuỗi đã hết hạn tại thời điểm kiểm tra (chữ ký không ghi thời điểm ký).',
  CERTIFICATE_NOT_YET_VALID:
    'Một chứng thư trong chuỗi chưa có hiệu lực tại thời điểm kiểm tra (chữ ký không ghi thời điểm ký).',
};

function isKnownCode(code: string): code is ReportMessageCode {
  return (REPORT_MESSAGE_CODES as readonly string[]).includes(code);
}

/**
 * A finding in Vietnamese: from its explanation when it has one (revocation), else what its code
 * means; a code this version does not know keeps its English text.
 */
export function reportMessageVi(
  message: ReportMessage,
  instant: (iso: string) => string = (iso) => iso,
): string {
  if (message.explanation) return revocationExplanationVi(message.explanation, instant);
  if (!isKnownCode(message.code)) return message.text;
  const atValidation =
    message.judgedAt === 'validation-time' ? JUDGED_AT_VALIDATION_TIME_VI[message.code] : undefined;
  return atValidation ?? REPORT_MESSAGE_VI[message.code];
}
