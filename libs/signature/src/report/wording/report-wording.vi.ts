import type { ReportWording } from './report-wording';
import { coverageDetailsVi } from './coverage-detail.vi';
import { formatInstantAt } from './instant-format';
import { reportMessageVi } from './report-message.vi';
import { revocationExplanationVi } from './revocation-explanation.vi';

export const REPORT_WORDING_VI: ReportWording = {
  verdictLabel: 'Kết luận',
  indication: {
    'TOTAL-PASSED': 'HỢP LỆ',
    'TOTAL-FAILED': 'KHÔNG HỢP LỆ',
    INDETERMINATE: 'CHƯA XÁC ĐỊNH ĐƯỢC',
  },
  subIndication: {
    FORMAT_FAILURE: 'tệp hỏng hoặc không đúng định dạng PDF/chữ ký',
    HASH_FAILURE: 'nội dung đã bị thay đổi sau khi ký',
    SIG_CRYPTO_FAILURE: 'giá trị chữ ký không khớp với chứng thư',
    REVOKED: 'chứng thư đã bị thu hồi',
    REVOKED_NO_POE:
      'chứng thư đã bị thu hồi do lộ khóa (hoặc không nêu lý do), không có bằng chứng chữ ký được tạo trước đó',
    EXPIRED: 'chứng thư đã hết hạn tại thời điểm ký',
    NOT_YET_VALID: 'chứng thư chưa có hiệu lực tại thời điểm ký',
    OUT_OF_BOUNDS_NO_POE:
      'chứng thư đã hết hạn, không có bằng chứng chữ ký được tạo trong thời hạn của chứng thư ngoài thời điểm ký do người ký tự khai',
    NO_CERTIFICATE_CHAIN_FOUND: 'không dựng được chuỗi chứng thư tới CA gốc tin cậy',
    CHAIN_CONSTRAINTS_FAILURE: 'chuỗi chứng thư vi phạm ràng buộc',
    SIG_CONSTRAINTS_FAILURE: 'chữ ký không đáp ứng chính sách ký',
    CRYPTO_CONSTRAINTS_FAILURE: 'thuật toán hoặc độ dài khóa không còn an toàn',
    TRY_LATER: 'chưa có thông tin thu hồi, hoặc chứng thư đang bị tạm dừng; cần kiểm tra lại sau',
    NO_SIGNING_CERTIFICATE_FOUND: 'không tìm thấy chứng thư của người ký',
    NO_SIGNATURE: 'tệp không có chữ ký số',
  },
  fileFacts: (size, sha256) => `Kích thước: ${size} byte, SHA-256: ${sha256 || '(không đọc được)'}`,
  documentMessages: 'Ghi nhận về tệp',
  noSignatures: 'Không có chữ ký nào được kiểm tra.',
  signatureHeading: (position, total, field) => `Chữ ký ${position}/${total} (trường ${field})`,
  signer: 'Người ký',
  signerKind: { person: 'cá nhân', organization: 'tổ chức', unknown: 'không rõ loại' },
  unknownSigner: '(không xác định được)',
  organization: 'cơ quan',
  agencyCode: 'mã định danh',
  signingTime: 'Thời điểm ký',
  signingTimeSource: {
    'signed-attribute': 'theo thuộc tính đã ký',
    timestamp: 'theo dấu thời gian',
    none: 'không có',
  },
  noSigningTime: '(không có)',
  chain: 'Chuỗi chứng thư',
  noChain: '(không dựng được)',
  revocation: 'Tình trạng thu hồi',
  revocationStatus: { good: 'chưa bị thu hồi', revoked: 'ĐÃ BỊ THU HỒI', unknown: 'không rõ' },
  revocationSource: { crl: 'CRL', ocsp: 'OCSP', none: 'không có nguồn' },
  revokedAt: 'thu hồi lúc',
  onHold: 'ĐANG BỊ TẠM DỪNG: CA tạm dừng chứng thư, chưa thu hồi',
  heldSince: 'tạm dừng từ',
  // Reports stored before explanations were recorded keep their English note.
  revocationNote: (revocation, instant) =>
    revocation.explanation
      ? revocationExplanationVi(revocation.explanation, instant)
      : (revocation.note ?? null),
  coverage: 'Phạm vi ký',
  coversWholeFile: 'toàn bộ tệp',
  coversPartOfFile: 'một phần tệp (có bản cập nhật sau khi ký)',
  modifications: {
    none: 'không có thay đổi sau khi ký',
    allowed: 'thay đổi sau khi ký nằm trong phạm vi cho phép',
    disallowed: 'CÓ THAY ĐỔI KHÔNG ĐƯỢC PHÉP sau khi ký',
  },
  weakAlgorithm: 'Cảnh báo: thuật toán yếu',
  messages: 'Ghi nhận',
  coverageDetails: coverageDetailsVi,
  messageText: reportMessageVi,
  totals: (passed, total) => `Tổng cộng: ${passed}/${total} tệp hợp lệ.`,
  reportTitle: 'Báo cáo kiểm tra chữ ký số',
  generatedAt: 'Thời điểm lập báo cáo',
  fileName: 'Tệp',
  fileSizeLabel: 'Kích thước',
  fileSize: (size) => `${size.toLocaleString('vi-VN')} byte`,
  fileSha256: 'Mã băm SHA-256',
  validationTime: 'Kiểm tra tại thời điểm',
  signatureCount: 'Số chữ ký',
  signatureAlgorithm: 'Thuật toán',
  chainColumns: ['Chủ thể', 'Cơ quan cấp', 'Hiệu lực từ', 'Hiệu lực đến'],
  findingColumns: ['Mã', 'Nội dung'],
  none: '(không có)',
  footer: 'docaxis — Trục liên thông văn bản điện tử',
  pageLabel: (page, total) => `Trang ${page}/${total}`,
  instant: (iso) => formatInstantAt(iso, 7 * 60, 'giờ Việt Nam'),
};
