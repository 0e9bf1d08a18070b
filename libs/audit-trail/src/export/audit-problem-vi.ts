import type { AuditTrailExplanation } from '../verification/audit-trail-explanation';

type Kind = AuditTrailExplanation['kind'];

/** One wording per kind: the compiler refuses a kind added without its Vietnamese. */
type WordingByKind = {
  readonly [K in Kind]: (explanation: Extract<AuditTrailExplanation, { kind: K }>) => string;
};

/** A check's own reason (`detail`) is English only: the Vietnamese points to where it is. */
const DETAIL_IN_ENGLISH = '(chi tiết kỹ thuật có trong báo cáo tiếng Anh)';

/**
 * The Vietnamese of each audit trail problem, worded from its explanation (the English `message`
 * is not mixed in).
 */
export const AUDIT_PROBLEM_VI: WordingByKind = {
  'anchored-chain-empty': (e) =>
    `Chuỗi nhật ký trống, nhưng điểm neo chứng minh chuỗi đã có các bản ghi đến số ${e.anchorSeq}.`,
  'range-end-missing': (e) =>
    `Thiếu các bản ghi ${e.fromSeq}..${e.toSeq} ở cuối khoảng được kiểm tra.`,
  'tail-cut-after-anchor': (e) =>
    `Điểm neo chứng minh có các bản ghi đến số ${e.anchorSeq}; chuỗi chỉ còn đến bản ghi số ${e.headSeq}: phần cuối của chuỗi đã bị cắt bỏ.`,
  'duplicate-seq': (e) =>
    `Hai bản ghi cùng mang số ${e.seq} (event_id ${e.eventIds[0]} và ${e.eventIds[1]}); nhiều nhất một bản ghi thuộc chuỗi, bản ghi kia được thêm vào không qua bộ ghi nhật ký.`,
  'numbers-skipped': (e) =>
    `Bản ghi số ${e.seq} liên kết với bản ghi số ${e.previousSeq} nhưng bỏ qua các số ${e.previousSeq + 1}..${e.seq - 1}: bộ ghi nhật ký không bao giờ bỏ số, nên bản ghi này đã được chèn vào bằng cách khác.`,
  'records-missing': (e) =>
    `Thiếu các bản ghi ${e.fromSeq}..${e.toSeq}: bản ghi ngay sau số ${e.previousSeq} là số ${e.seq}.`,
  'records-swapped': (e) =>
    `Bản ghi ở vị trí số ${e.seq} đã được ghi với số ${e.recordedAs}, còn bản ghi được ghi với số ${e.seq} nay nằm ở vị trí số ${e.originalNowAt}: các bản ghi đã bị đổi chỗ.`,
  'renumbered-down': (e) =>
    `Bản ghi được ghi với số ${e.seq} đã mất và các bản ghi sau nó bị đánh số lùi lại (bản ghi ở vị trí số ${e.seq} đã được ghi với số ${e.recordedAs}).`,
  'slipped-in': (e) =>
    `Bản ghi ở vị trí số ${e.seq} không thuộc chuỗi: bản ghi gốc số ${e.seq} nay nằm ở vị trí số ${e.genuineNowAt}, bị đánh số tăng lên để lấy chỗ.`,
  'record-moved': (e) =>
    `Bản ghi ở vị trí số ${e.seq} đã được ghi với số ${e.recordedAs}: các bản ghi đã bị di chuyển.`,
  'record-altered': (e) =>
    `Bản ghi số ${e.seq} đã bị thay đổi sau khi ghi: mã băm lưu trữ không khớp với các trường của nó.`,
  'payload-altered': (e) =>
    `Nội dung (payload) của bản ghi số ${e.seq} đã bị thay đổi sau khi ghi: mã tóm lược (digest) không còn khớp.`,
  'anchor-rewritten': (e) =>
    `Chuỗi nhất quán nhưng bản ghi số ${e.seq} không còn mang mã băm của điểm neo: các bản ghi đến số ${e.seq} đã bị viết lại và băm lại.`,
  'not-from-genesis': () => 'Bản ghi đầu tiên không bắt đầu từ mã băm khởi tạo (genesis).',
  'link-broken': (e) =>
    `Bản ghi số ${e.seq} không liên kết với bản ghi số ${e.previousSeq}, dù cả hai đều khớp với mã băm của chính mình: bản ghi số ${e.previousSeq} đã bị thay bằng một bản ghi băm mới, hoặc liên kết của bản ghi số ${e.seq} đã bị sửa rồi băm lại.`,
  'checkpoint-signature-invalid': (e) =>
    `Điểm kiểm soát tại bản ghi số ${e.seq} không có chữ ký hợp lệ của trục: nó đã bị giả mạo hoặc sửa đổi ${DETAIL_IN_ENGLISH}.`,
  'checkpoint-timestamp-untrusted': (e) =>
    `Dấu thời gian của điểm kiểm soát tại bản ghi số ${e.seq} khớp với điểm kiểm soát, nhưng TSA cấp dấu không được tin cậy ${DETAIL_IN_ENGLISH}.`,
  'checkpoint-timestamp-mismatch': (e) =>
    `Dấu thời gian của điểm kiểm soát tại bản ghi số ${e.seq} không khớp với điểm kiểm soát: dấu thời gian hoặc điểm kiểm soát đã bị sửa đổi ${DETAIL_IN_ENGLISH}.`,
  'checkpoint-record-missing': (e) =>
    `Bản ghi số ${e.seq}, đã được ký trong một điểm kiểm soát, bị thiếu.`,
  'checkpoint-tail-cut': (e) =>
    `Một điểm kiểm soát đã ký chứng minh có các bản ghi đến số ${e.checkpointSeq}; chuỗi chỉ còn đến bản ghi số ${e.headSeq}: phần cuối của chuỗi đã bị cắt bỏ.`,
  'checkpoint-record-rewritten': (e) =>
    `Bản ghi số ${e.seq} không còn mang mã băm đã ký trong điểm kiểm soát lập lúc ${e.createdAt}: các bản ghi đến số đó đã bị viết lại và băm lại.`,
};

/** An audit trail problem in Vietnamese. */
export function auditProblemVi(explanation: AuditTrailExplanation): string {
  const word = AUDIT_PROBLEM_VI[explanation.kind] as (e: AuditTrailExplanation) => string;
  return word(explanation);
}
