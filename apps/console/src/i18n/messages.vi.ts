import type { ChainVerification, TsaRevocationFinding, TsaRevocationUnsettled } from '../api/audit';
import { auditProblemVi } from './audit-problem-vi';
import type { Indication, ReportMessage, SubIndication } from '../api/verification-report';
// The same Vietnamese as the PDF report and `docaxis verify`: a clerk reads the same words.
import { reportMessageVi } from '../../../../libs/signature/src/report/wording/report-message.vi';
import { coverageDetailsVi } from '../../../../libs/signature/src/report/wording/coverage-detail.vi';
import { formatDateTime } from './date-format';
import { statusCodeNames } from './status-code-names';
import { packetSignatureWordsVi } from '../../../../libs/edxml/src/signature/packet-signature-wording';
// The event types' words are the audit trail's own, as the PDF report words them.
import { AUDIT_EVENT_TYPE_NAMES } from '../../../../libs/audit-trail/src/wording/audit-event-type-names';
import { WEBHOOK_CHANGE_WORDING } from '../../../../libs/audit-trail/src/wording/webhook-change-wording';

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
      'signed-attribute': 'theo thuộc tính đã ký, do người ký khai',
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
    onHold: 'Đang bị tạm dừng (CA tạm dừng chứng thư, chưa thu hồi cũng chưa khôi phục)',
    heldSince: 'tạm dừng từ',
    coverage: 'Phạm vi ký',
    coversWhole: 'Chữ ký bao trùm toàn bộ tệp',
    coversPart: 'Chữ ký không bao trùm toàn bộ tệp',
    modifications: {
      none: 'Không có thay đổi sau khi ký',
      allowed: 'Có thay đổi sau khi ký, thuộc loại được phép (chữ ký, dấu tiếp theo)',
      disallowed: 'Có thay đổi nội dung sau khi ký, không được phép',
    } as Record<string, string>,
    /** What the signature covers and what changed after it, from its data: `details` is English. */
    coverageDetails: coverageDetailsVi,
    findings: 'Ghi chú',
    /** A finding in Vietnamese, from its explanation or its code: the server's text is English. */
    findingText: (message: ReportMessage) => reportMessageVi(message, formatDateTime),
    downloadReport: 'Tải báo cáo PDF',
    downloadingReport: 'Đang tạo báo cáo…',
  },
  inbox: {
    boxes: 'Hộp thư',
    box: { incoming: 'Văn bản đến', sent: 'Văn bản đi' } as Record<string, string>,
    sentAt: 'Thời điểm gửi',
    title: 'Văn bản đến, văn bản đi',
    loading: 'Đang tải hộp thư…',
    refresh: 'Tải lại',
    empty: 'Hộp thư chưa có gì.',
    count: (n: number) => `${n} mục`,
    kind: { dispatch: 'Văn bản đến', status: 'Trạng thái xử lý' } as Record<string, string>,
    column: {
      kind: 'Loại',
      document: 'Văn bản',
      from: 'Từ cơ quan',
      urgency: 'Độ khẩn',
      due: 'Hạn xử lý',
      state: 'Tình trạng',
      at: 'Thời điểm đến',
      open: 'Mở',
    },
    open: 'Mở văn bản',
    overdue: 'Quá hạn',
    urgency: {
      normal: 'Thường',
      urgent: 'Khẩn',
      'very-urgent': 'Thượng khẩn',
      express: 'Hỏa tốc',
    } as Record<string, string>,
    deliveryState: {
      pending: 'Chờ chuyển',
      queued: 'Đang chuyển',
      delivered: 'Đã đến hộp thư',
      recalled: 'Đã thu hồi',
      fetched: 'Đã lấy về',
      acknowledged: 'Đã xác nhận',
    } as Record<string, string>,
    noticeFrom: (code: string, name: string, agency: string) => `${code} — ${name}, từ ${agency}`,
    noticeGivenAt: (time: string) => `ghi lúc ${time}`,
    /** A status packet's XML signature, in brief (the CLI's words). */
    noticeSignature: packetSignatureWordsVi,
  },
  dispatch: {
    close: 'Đóng văn bản',
    loading: 'Đang tải văn bản…',
    numberNotation: 'Số, ký hiệu',
    subject: 'Trích yếu',
    sender: 'Cơ quan gửi',
    promulgation: 'Ngày ban hành',
    recipients: 'Cơ quan nhận',
    recipient: 'Cơ quan',
    delivery: 'Chuyển phát',
    status: 'Trạng thái xử lý',
    recall: 'Thu hồi',
    noStatus: 'Chưa có',
    recalled: (at: string, reason: string) => `Đã thu hồi lúc ${at}: ${reason}`,
    withdrawn: 'Thu hồi trước khi trục chuyển đi: văn bản không đến cơ quan nhận nào.',
    rejected: (code: string, message: string) =>
      `Trục đã từ chối văn bản này, không cơ quan nhận nào nhận được (${code}): ${message}`,
    rejectedInList: 'Trục đã từ chối: không cơ quan nhận nào nhận được; mở văn bản để xem lý do.',
    files: 'Tệp văn bản',
    view: 'Xem',
    hide: 'Ẩn',
    viewerTitle: (name: string) => `Nội dung tệp ${name}`,
    notices: 'Trạng thái xử lý đã nhận',
    noNotices: 'Chưa có trạng thái xử lý nào.',
    postTitle: 'Gửi trạng thái xử lý cho cơ quan gửi',
    code: 'Trạng thái',
    reason: 'Lý do, ghi chú',
    reasonRequired: 'bắt buộc với trạng thái này',
    post: 'Gửi trạng thái',
    posting: 'Đang gửi…',
    posted: (code: string, name: string) => `Đã gửi trạng thái ${code} — ${name}.`,
  },
  recall: {
    recalledAt: (at: string) => `Đã thu hồi lúc ${at}`,
    title: 'Thu hồi văn bản',
    explain:
      'Cơ quan nhận chưa lấy văn bản về và chưa báo trạng thái xử lý nào sẽ không còn thấy văn bản; các cơ quan còn lại nhận yêu cầu thu hồi (13) và trả lời đồng ý (15) hoặc từ chối (16).',
    reason: 'Lý do thu hồi',
    submit: 'Thu hồi văn bản',
    confirmQuestion: 'Thu hồi không thể hoàn tác. Nhấn lần nữa để xác nhận.',
    confirm: 'Xác nhận thu hồi',
    recalling: 'Đang thu hồi…',
    done: (withdrawn: number, requested: number) =>
      `Đã thu hồi: rút khỏi ${withdrawn} hộp thư, gửi yêu cầu thu hồi tới ${requested} cơ quan.`,
    state: {
      requested: 'Đã yêu cầu thu hồi',
      accepted: 'Đồng ý thu hồi',
      refused: 'Từ chối thu hồi',
    } as Record<string, string>,
  },
  audit: {
    title: 'Kiểm toán nhật ký trục',
    integrity: {
      title: 'Tính toàn vẹn của chuỗi nhật ký',
      checking: 'Đang kiểm tra chuỗi băm…',
      ok: 'Chuỗi toàn vẹn',
      broken: 'Chuỗi bị phá vỡ',
      records: (n: number) => `${n.toLocaleString('vi-VN')} bản ghi đã kiểm tra`,
      checkpoint: (seq: number, at: string) =>
        `Điểm kiểm soát đã ký gần nhất: bản ghi số ${seq}, lúc ${at}`,
      noCheckpoint: 'Chưa có điểm kiểm soát đã ký',
      brokenAt: (seq: number) => `Sai lệch đầu tiên tại bản ghi số ${seq}`,
      /** Why, from the explanation: the server's message is English only. */
      problemWhy: (failure: Extract<ChainVerification, { ok: false }>) =>
        auditProblemVi(failure.explanation),
      coverage: (first: number, last: number | null, notRecheckedTo: number | null) =>
        `Lần kiểm tra này: ${last === null ? 'không bản ghi nào' : last === first ? `bản ghi số ${first}` : `bản ghi số ${first}–${last}`}${
          notRecheckedTo === null
            ? ' (từ bản ghi đầu tiên)'
            : `; bản ghi số 1–${notRecheckedTo} không được kiểm tra lại (được bảo đảm bởi điểm kiểm soát đã ký ${first})`
        }`,
      tsa: {
        title: 'Dấu thời gian của điểm kiểm soát',
        none: 'Điểm kiểm soát không có dấu thời gian RFC 3161',
        stamped: (at: string, authority: string) => `Đóng dấu lúc ${at} bởi ${authority}`,
        trusted: 'Chuỗi chứng thư TSA: tin cậy',
        notChecked:
          'Chuỗi chứng thư TSA: CHƯA kiểm tra (máy chủ không cấu hình AUDIT_TSA_TRUST_FILE)',
        untrusted: (seq: number) =>
          `Chuỗi chứng thư TSA: KHÔNG tin cậy (điểm kiểm soát của bản ghi số ${seq})`,
        revocationGood: 'Thu hồi chứng thư TSA: đã kiểm tra (CRL), chưa bị thu hồi',
        revocationNotChecked: 'Thu hồi chứng thư TSA: CHƯA kiểm tra',
        revokedAfter: 'Chứng thư TSA bị thu hồi SAU thời điểm đóng dấu; dấu thời gian vẫn hợp lệ',
        /** Why, from the findings: the server's note is English only. */
        revocationWhy: (revocation: TsaRevocationUnsettled) =>
          revocation.findings.map(tsaFindingVi).join('; '),
      },
    },
    search: {
      title: 'Tìm kiếm sự kiện',
      agency: 'Mã định danh cơ quan',
      dispatchId: 'Mã văn bản trên trục (dispatch id)',
      number: 'Số văn bản',
      notation: 'Ký hiệu',
      actor: 'Chủ thể thực hiện (chủ thể chứng thư số hoặc ứng dụng, đúng nguyên văn)',
      type: 'Loại sự kiện',
      anyType: 'Tất cả',
      status: 'Mã trạng thái xử lý',
      anyStatus: 'Tất cả',
      from: 'Từ ngày',
      to: 'Đến ngày',
      dateFormat: 'Ngày viết theo dạng ngày/tháng/năm, ví dụ 24/11/2026.',
      submit: 'Tìm kiếm',
      searching: 'Đang tìm…',
      reset: 'Xóa điều kiện',
      more: 'Xem thêm',
      none: 'Không có sự kiện nào phù hợp.',
      count: (n: number) => `${n} sự kiện`,
    },
    table: {
      seq: 'Số thứ tự',
      time: 'Thời điểm',
      type: 'Sự kiện',
      dispatch: 'Văn bản',
      sender: 'Cơ quan gửi',
      recipient: 'Cơ quan nhận',
      actor: 'Người thực hiện',
      openTimeline: 'Xem dòng thời gian',
    },
    timeline: {
      title: (id: string) => `Dòng thời gian văn bản ${id}`,
      close: 'Đóng dòng thời gian',
      source: { axis: 'Trục', 'agency-status': 'Trạng thái của cơ quan' } as Record<string, string>,
      empty: 'Chưa có sự kiện nào cho văn bản này.',
    },
    stats: {
      title: 'Thống kê gửi, nhận theo cơ quan',
      agency: 'Cơ quan',
      sent: 'Văn bản đã gửi',
      delivered: 'Lượt đã chuyển đến',
      received: 'Văn bản đã nhận',
      fetched: 'Đã lấy về',
      toFetch: 'Thời gian đến khi lấy về (trung bình)',
      toStatus: 'Thời gian đến trạng thái đầu tiên (trung bình)',
      overdue: 'Quá hạn xử lý',
      perDayTitle: 'Văn bản gửi và chuyển đến theo ngày',
      perDaySent: 'Gửi',
      perDayDelivered: 'Chuyển đến',
      toFetchTitle: 'Thời gian trung bình đến khi cơ quan nhận lấy văn bản (giây)',
      seconds: (s: number) => `${s.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} giây`,
      none: 'Chưa có số liệu.',
    },
    export: {
      title: 'Xuất dữ liệu',
      csv: 'Tải CSV',
      pdf: 'Tải báo cáo PDF',
      busy: 'Đang xuất…',
      manifest: 'Tải bản kê (manifest) của bản xuất vừa tải',
      manifestHelp: (headSeq: string) =>
        `Bản kê nêu bộ lọc, đầu chuỗi (bản ghi số ${headSeq}) mà bản xuất đã chốt và tập bản ghi đã xuất. Giữ bản kê tách riêng khỏi tệp xuất và kiểm tra bằng lệnh: docaxis audit verify-export <tệp CSV> --manifest <bản kê> --database`,
      notRecheckable:
        'Bản xuất này lọc theo mã trạng thái xử lý, số hoặc ký hiệu: các điều kiện đó đọc trạng thái hiện tại của văn bản, vốn thay đổi theo thời gian, nên bản kê ghi rõ là không thể kiểm tra bản xuất có đầy đủ hay không (chỉ kiểm tra được từng bản ghi trong tệp).',
    },
    eventType: AUDIT_EVENT_TYPE_NAMES.vi as Readonly<Record<string, string>>,
    /** A `webhook.changed` record: what happened, and why a webhook was stopped. */
    webhookChange: WEBHOOK_CHANGE_WORDING.vi,
  },
  statusCode: statusCodeNames('vietnameseName'),
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
    REVOKED_NO_POE:
      'Chứng thư số đã bị thu hồi do lộ khóa (hoặc không nêu lý do); thời điểm ký do người ký tự khai không chứng minh được gì',
    EXPIRED: 'Chứng thư số đã hết hạn tại thời điểm ký',
    NOT_YET_VALID: 'Chứng thư số chưa có hiệu lực tại thời điểm ký',
    OUT_OF_BOUNDS_NO_POE:
      'Chứng thư số đã hết hạn; thời điểm ký do người ký tự khai không chứng minh chữ ký được tạo khi chứng thư còn hạn',
    NO_CERTIFICATE_CHAIN_FOUND: 'Không tìm thấy chuỗi chứng thư tới gốc tin cậy',
    CHAIN_CONSTRAINTS_FAILURE: 'Chuỗi chứng thư không thỏa ràng buộc',
    SIG_CONSTRAINTS_FAILURE: 'Chữ ký không thỏa ràng buộc (phạm vi, thay đổi sau ký)',
    CRYPTO_CONSTRAINTS_FAILURE: 'Thuật toán mật mã không được chấp nhận',
    TRY_LATER:
      'Chưa xác định được tình trạng thu hồi (chưa có thông tin, hoặc chứng thư đang bị tạm dừng); thử lại sau',
    NO_SIGNING_CERTIFICATE_FOUND: 'Không tìm thấy chứng thư số của người ký',
    NO_SIGNATURE: 'Tệp không có chữ ký số',
  } satisfies Record<SubIndication, string>,
};

export type Messages = typeof vi;

/** One TSA revocation finding in Vietnamese; a revocation source's own (English) detail is left out. */
function tsaFindingVi(finding: TsaRevocationFinding): string {
  if (finding.kind === 'no-trust-file') return 'máy chủ không cấu hình AUDIT_TSA_TRUST_FILE';
  if (finding.kind === 'no-crl-dir') return 'máy chủ không cấu hình AUDIT_TSA_CRL_DIR';
  const who = `chứng thư ${finding.certificate.role === 'tsa' ? 'TSA' : 'CA'} "${finding.certificate.subject}"`;
  switch (finding.kind) {
    case 'no-answer':
      return `${who}: không nguồn thu hồi nào trả lời được`;
    case 'expired':
      return `${who}: đã hết hạn từ ${formatDateTime(finding.notAfter)}, CRL hiện hành không liệt kê nó cũng không chứng minh được gì`;
    case 'on-hold':
      return `${who}: bị tạm đình chỉ (certificateHold) từ ${formatDateTime(finding.since)}, chưa thể kết luận`;
    case 'revoked-after':
      return `${who} bị thu hồi lúc ${formatDateTime(finding.revokedAt)} (${finding.reason ?? 'không nêu lý do'}), sau thời điểm đóng dấu`;
  }
}
