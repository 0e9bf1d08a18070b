import type { Indication, SubIndication } from '../api/verification-report';

/**
 * The Vietnamese dictionary: the console's default language and the shape every other language
 * must fill (`Messages`), so a missing English string is a type error, not a blank on screen.
 */
export const vi = {
  appTitle: 'Trục liên thông văn bản',
  skipToContent: 'Bỏ qua, đến nội dung chính',
  nav: {
    label: 'Chức năng',
    verify: 'Kiểm tra chữ ký',
    inbox: 'Văn bản đến, đi',
    audit: 'Kiểm toán',
  },
  language: { label: 'Ngôn ngữ', vi: 'Tiếng Việt', en: 'English' },
  me: {
    loading: 'Đang xác thực chứng thư số…',
    signedInAs: 'Đăng nhập bằng chứng thư số của',
    roles: 'Vai trò',
    role: {
      'agency-system': 'Hệ thống quản lý văn bản',
      clerk: 'Văn thư',
      auditor: 'Kiểm toán viên',
      admin: 'Quản trị trục',
    } as Record<string, string>,
    failed: 'Không xác thực được chứng thư số của trình duyệt',
  },
  errors: {
    network: 'Không kết nối được tới trục. Vui lòng thử lại.',
    generic: 'Đã có lỗi',
  },
  verify: {
    title: 'Kiểm tra chữ ký số trên văn bản',
    intro:
      'Chọn hoặc kéo thả một hay nhiều tệp PDF. Trục kiểm tra từng chữ ký với chứng thư số chuyên dùng Chính phủ, danh sách thu hồi và phạm vi ký.',
    dropLabel: 'Tệp PDF cần kiểm tra',
    dropHint: 'Kéo thả tệp PDF vào đây, hoặc nhấn để chọn tệp',
    submit: 'Kiểm tra',
    verifying: 'Đang kiểm tra…',
    selected: (n: number) => `Đã chọn ${n} tệp`,
    clear: 'Xóa danh sách',
    results: 'Kết quả kiểm tra',
    file: 'Tệp',
    sha256: 'SHA-256',
    size: 'Kích thước',
    bytes: (n: number) => `${n.toLocaleString('vi-VN')} byte`,
    validationTime: 'Thời điểm kiểm tra',
    signatureCount: (n: number) => (n === 0 ? 'Không có chữ ký' : `${n} chữ ký`),
    signature: (i: number) => `Chữ ký ${i}`,
    field: 'Trường chữ ký',
    signer: 'Người ký',
    organization: 'Cơ quan, tổ chức',
    agencyCode: 'Mã định danh',
    signerKind: {
      person: 'Cá nhân',
      organization: 'Cơ quan, tổ chức (dấu)',
      unknown: 'Không rõ',
    } as Record<string, string>,
    chain: 'Chuỗi chứng thư đến gốc tin cậy',
    chainEmpty: 'Không dựng được chuỗi chứng thư tới gốc tin cậy',
    validity: (from: string, to: string) => `hiệu lực ${from} – ${to}`,
    signingTime: 'Thời điểm ký',
    signingTimeSource: {
      'signed-attribute': 'theo thuộc tính đã ký (do người ký khai)',
      timestamp: 'theo dấu thời gian',
      none: 'không có thời điểm ký',
    } as Record<string, string>,
    algorithm: 'Thuật toán',
    weakAlgorithm: 'thuật toán yếu',
    revocation: 'Tình trạng thu hồi',
    revocationStatus: {
      good: 'Chưa bị thu hồi',
      revoked: 'Đã bị thu hồi',
      unknown: 'Không xác định được',
    } as Record<string, string>,
    revocationSource: { crl: 'theo CRL', ocsp: 'theo OCSP', none: 'không có nguồn' } as Record<
      string,
      string
    >,
    revokedAt: 'thu hồi lúc',
    coverage: 'Phạm vi ký',
    coversWhole: 'Chữ ký bao trùm toàn bộ tệp',
    coversPart: 'Chữ ký không bao trùm toàn bộ tệp',
    modifications: {
      none: 'Không có thay đổi sau khi ký',
      allowed: 'Có thay đổi sau khi ký, thuộc loại được phép (chữ ký, dấu tiếp theo)',
      disallowed: 'Có thay đổi nội dung sau khi ký, không được phép',
    } as Record<string, string>,
    findings: 'Ghi chú',
    downloadReport: 'Tải báo cáo PDF',
    downloadingReport: 'Đang tạo báo cáo…',
  },
  indication: {
    'TOTAL-PASSED': 'Hợp lệ',
    'TOTAL-FAILED': 'Không hợp lệ',
    INDETERMINATE: 'Chưa xác định được',
  } satisfies Record<Indication, string>,
  indicationExplained: {
    'TOTAL-PASSED': 'Chữ ký hợp lệ, văn bản không bị sửa đổi sau khi ký.',
    'TOTAL-FAILED': 'Chữ ký không hợp lệ: không được dùng văn bản này như bản đã ký.',
    INDETERMINATE: 'Chưa đủ căn cứ để kết luận chữ ký hợp lệ.',
  } satisfies Record<Indication, string>,
  subIndication: {
    FORMAT_FAILURE: 'Tệp hỏng hoặc không đúng định dạng PDF có chữ ký',
    HASH_FAILURE: 'Nội dung đã bị sửa sau khi ký (giá trị băm không khớp)',
    SIG_CRYPTO_FAILURE: 'Giá trị chữ ký sai',
    REVOKED: 'Chứng thư số đã bị thu hồi',
    EXPIRED: 'Chứng thư số đã hết hạn tại thời điểm ký',
    NOT_YET_VALID: 'Chứng thư số chưa có hiệu lực tại thời điểm ký',
    NO_CERTIFICATE_CHAIN_FOUND: 'Không tìm thấy chuỗi chứng thư tới gốc tin cậy',
    CHAIN_CONSTRAINTS_FAILURE: 'Chuỗi chứng thư không thỏa ràng buộc',
    SIG_CONSTRAINTS_FAILURE: 'Chữ ký không thỏa ràng buộc (phạm vi, thay đổi sau ký)',
    CRYPTO_CONSTRAINTS_FAILURE: 'Thuật toán mật mã không được chấp nhận',
    TRY_LATER: 'Chưa kiểm tra được tình trạng thu hồi; thử lại sau',
    NO_SIGNING_CERTIFICATE_FOUND: 'Không tìm thấy chứng thư số của người ký',
    NO_SIGNATURE: 'Tệp không có chữ ký số',
  } satisfies Record<SubIndication, string>,
};

export type Messages = typeof vi;
