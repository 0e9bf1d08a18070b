import type { AuditProblemExplanation } from '../api/audit-problem-explanation';
import { formatDateTime } from './date-format';

type Kind = AuditProblemExplanation['kind'];

/** One wording per kind: the compiler refuses a kind added without its Vietnamese. */
type WordingByKind = {
  readonly [K in Kind]: (explanation: Extract<AuditProblemExplanation, { kind: K }>) => string;
};

/**
 * The Vietnamese of each audit chain problem, from its explanation: the server's `message` is
 * English only, and so is a check's `detail` (left out).
 */
export const AUDIT_PROBLEM_VI: WordingByKind = {
  'anchored-chain-empty': (e) =>
    `Chuỗi nhật ký trống, nhưng điểm neo chứng minh chuỗi đã có các bản ghi đến số ${e.anchorSeq}`,
  'range-end-missing': (e) => `Thiếu các bản ghi số ${e.fromSeq}–${e.toSeq} ở cuối khoảng kiểm tra`,
  'tail-cut-after-anchor': (e) =>
    `Điểm neo chứng minh có các bản ghi đến số ${e.anchorSeq} nhưng chuỗi chỉ còn đến số ${e.headSeq}: phần cuối đã bị cắt bỏ`,
  'duplicate-seq': (e) =>
    `Hai bản ghi cùng mang số ${e.seq} (event_id ${e.eventIds[0]} và ${e.eventIds[1]}): một bản ghi được thêm vào không qua bộ ghi nhật ký`,
  'numbers-skipped': (e) =>
    `Bản ghi số ${e.seq} liên kết với bản ghi số ${e.previousSeq} nhưng bỏ qua số ${e.previousSeq + 1}–${e.seq - 1}: bản ghi đã được chèn vào bằng cách khác`,
  'records-missing': (e) =>
    `Thiếu các bản ghi số ${e.fromSeq}–${e.toSeq}: bản ghi ngay sau số ${e.previousSeq} là số ${e.seq}`,
  'records-swapped': (e) =>
    `Bản ghi ở vị trí số ${e.seq} đã được ghi với số ${e.recordedAs}, bản ghi gốc số ${e.seq} nay ở vị trí số ${e.originalNowAt}: các bản ghi đã bị đổi chỗ`,
  'renumbered-down': (e) =>
    `Bản ghi gốc số ${e.seq} đã mất và các bản ghi sau bị đánh số lùi lại (bản ghi ở vị trí số ${e.seq} được ghi với số ${e.recordedAs})`,
  'slipped-in': (e) =>
    `Bản ghi ở vị trí số ${e.seq} không thuộc chuỗi: bản ghi gốc số ${e.seq} nay ở vị trí số ${e.genuineNowAt}`,
  'record-moved': (e) =>
    `Bản ghi ở vị trí số ${e.seq} đã được ghi với số ${e.recordedAs}: các bản ghi đã bị di chuyển`,
  'record-altered': (e) =>
    `Bản ghi số ${e.seq} đã bị thay đổi sau khi ghi: mã băm không khớp với nội dung`,
  'payload-altered': (e) =>
    `Nội dung (payload) của bản ghi số ${e.seq} đã bị thay đổi sau khi ghi: mã tóm lược không còn khớp`,
  'anchor-rewritten': (e) =>
    `Bản ghi số ${e.seq} không còn mang mã băm của điểm neo: các bản ghi đến số ${e.seq} đã bị viết lại và băm lại`,
  'not-from-genesis': () => 'Bản ghi đầu tiên không bắt đầu từ mã băm khởi tạo (genesis)',
  'link-broken': (e) =>
    `Bản ghi số ${e.seq} không liên kết với bản ghi số ${e.previousSeq}: một trong hai đã bị thay thế hoặc sửa rồi băm lại`,
  'checkpoint-signature-invalid': (e) =>
    `Điểm kiểm soát tại bản ghi số ${e.seq} không có chữ ký hợp lệ của trục: đã bị giả mạo hoặc sửa đổi`,
  'checkpoint-timestamp-untrusted': (e) =>
    `Dấu thời gian của điểm kiểm soát tại bản ghi số ${e.seq} do một TSA không được tin cậy cấp`,
  'checkpoint-timestamp-mismatch': (e) =>
    `Dấu thời gian của điểm kiểm soát tại bản ghi số ${e.seq} không khớp: dấu thời gian hoặc điểm kiểm soát đã bị sửa đổi`,
  'checkpoint-record-missing': (e) =>
    `Bản ghi số ${e.seq}, đã được ký trong một điểm kiểm soát, bị thiếu`,
  'checkpoint-tail-cut': (e) =>
    `Điểm kiểm soát đã ký chứng minh có các bản ghi đến số ${e.checkpointSeq} nhưng chuỗi chỉ còn đến số ${e.headSeq}: phần cuối đã bị cắt bỏ`,
  'checkpoint-record-rewritten': (e) =>
    `Bản ghi số ${e.seq} không còn mang mã băm đã ký trong điểm kiểm soát lúc ${formatDateTime(e.createdAt)}: các bản ghi đến số đó đã bị viết lại và băm lại`,
};

/** An audit chain problem in Vietnamese. */
export function auditProblemVi(explanation: AuditProblemExplanation): string {
  const word = AUDIT_PROBLEM_VI[explanation.kind] as (e: AuditProblemExplanation) => string;
  return word(explanation);
}
