import type { CliLanguage } from '../cli-language';
import {
  edxmlStatusDefinition,
  normalizeEdxmlStatusCode,
} from '@docaxis/edxml/packet/edxml-status-codes';
import type { PacketSignatureVerdict } from '@docaxis/edxml/signature/packet-signature-verdict';
import {
  packetSignatureWordsEn,
  packetSignatureWordsVi,
} from '@docaxis/edxml/signature/packet-signature-wording';
import { formatInstantAt } from '@docaxis/signature/report/wording/instant-format';

/**
 * Every human-readable line of `docaxis send`, `inbox`, `fetch`, `ack`, `status` and `recall`,
 * in each language, built from the same arguments. States, urgencies and codes the axis answers
 * with are shown in words in Vietnamese and as the API names them in English, except a status
 * notice's name, which the API gives in Vietnamese only: English from the status code catalogue.
 * A value this CLI does not know is shown as it came.
 */
export interface DispatchMessages {
  dispatchState: (state: string) => string;
  recipientState: (state: string) => string;
  urgency: (urgency: string) => string;
  /** A status notice's name: `name` as the axis gave it (always Vietnamese), or its English. */
  statusName: (code: string, name: string) => string;

  // send
  accepted: (replayed: boolean, dispatchId: string, state: string, to: readonly string[]) => string;
  followWith: (dispatchId: string) => string;
  /** cli-progress format of the upload bar ({bar}, {percentage}, {value}, {total} are its own). */
  uploadProgress: string;
  /** `reason`: fileReadProblem's words for why. */
  cannotReadFile: (path: string, reason: string) => string;
  cannotReadEnvelope: (path: string, reason: string) => string;
  envelopeNotObject: (path: string) => string;
  envelopeNotJson: (path: string) => string;
  recipientNameMissing: (code: string) => string;

  // fetch
  dispatchHeading: (
    dispatchId: string,
    senderCode: string,
    state: string,
    rejection: { code: string; message: string } | null,
  ) => string;
  recipientLine: (agencyCode: string, state: string) => string;
  savedFile: (path: string, sha256: string) => string;
  downloadCorrupted: (fileName: string) => string;

  // inbox
  inboxEmpty: string;
  inboxDispatch: (
    dispatchId: string,
    state: string,
    senderCode: string,
    urgency: string,
    subject: string,
  ) => string;
  inboxStatus: (
    dispatchId: string,
    code: string,
    authorCode: string,
    name: string,
    reason: string | null,
  ) => string;
  /** A status packet's XML signature, in brief, after its notice's inbox line. */
  packetSignature: (verdict: PacketSignatureVerdict) => string;
  inboxUnknownKind: (dispatchId: string, kind: string) => string;
  /** The inbox's resume point: given even when nothing more is there yet (the inbox is read on). */
  nextPage: (cursor: string) => string;

  // ack
  /** `before`: the copy was acknowledged by an earlier request (outcome already_acknowledged). */
  acknowledged: (dispatchId: string, agencyCode: string, state: string, before: boolean) => string;
  ackRefused: (dispatchId: string, code: string, message: string) => string;

  // status
  statusRecorded: (dispatchId: string, code: string, name: string, addresseeCode: string) => string;

  // recall
  recalled: (dispatchId: string, recalledAt: string) => string;
  withdrawnFrom: (agencyCodes: readonly string[]) => string;
  recallRequestedFrom: (agencyCodes: readonly string[]) => string;

  /** Why an `ack --batch-size` value was refused (after commander's own words). */
  batchSizeNeeded: string;
  help: DispatchHelp;
}

/** The help of `send`, `inbox`, `fetch`, `ack`, `status` and `recall`. */
export interface DispatchHelp {
  /** The `<dispatchId>` argument of fetch, status and recall. */
  dispatchId: string;
  send: {
    description: string;
    envelope: string;
    files: string;
    to: string;
    idempotencyKey: string;
    correlationId: string;
    noProgress: string;
  };
  inbox: { description: string; cursor: string; limit: string };
  fetch: { description: string; out: string; noFiles: string };
  ack: { description: string; dispatchIds: string; batchSize: string };
  status: { description: string; code: string; reason: string; noticeId: string; staff: string };
  recall: { description: string; reason: string };
}

const DISPATCH_STATE_VI: Readonly<Record<string, string>> = {
  accepted: 'trục đã tiếp nhận',
  verified: 'đã kiểm tra chữ ký',
  rejected: 'bị từ chối',
  routed: 'đã định tuyến',
  withdrawn: 'đã thu hồi trước khi định tuyến',
};

const RECIPIENT_STATE_VI: Readonly<Record<string, string>> = {
  pending: 'chờ chuyển',
  queued: 'đang chuyển',
  delivered: 'đã đến hộp thư',
  fetched: 'đã lấy về',
  acknowledged: 'đã xác nhận',
  recalled: 'đã thu hồi',
};

const URGENCY_VI: Readonly<Record<string, string>> = {
  normal: 'Thường',
  urgent: 'Khẩn',
  'very-urgent': 'Thượng khẩn',
  express: 'Hỏa tốc',
};

const inWords = (words: Readonly<Record<string, string>>, value: string): string =>
  Object.hasOwn(words, value) ? words[value] : value;
const agencyList = (codes: readonly string[]): string => codes.join(', ') || '-';

const VI: DispatchMessages = {
  dispatchState: (state) => inWords(DISPATCH_STATE_VI, state),
  recipientState: (state) => inWords(RECIPIENT_STATE_VI, state),
  urgency: (urgency) => inWords(URGENCY_VI, urgency),
  statusName: (_code, name) => name,

  // `accepted` is what the first line says already: a later state only, for a replay.
  accepted: (replayed, dispatchId, state, to) =>
    `Trục đã tiếp nhận văn bản ${dispatchId}${replayed ? ' từ trước' : ''}, gửi ${agencyList(to)}` +
    (state === 'accepted' ? '' : `; hiện: ${VI.dispatchState(state)}`),
  followWith: (dispatchId) => `Theo dõi văn bản: docaxis fetch ${dispatchId} --no-files`,
  uploadProgress: 'đang tải lên [{bar}] {percentage}% {value}/{total} byte',
  cannotReadFile: (path, reason) => `không đọc được tệp ${path}: ${reason}`,
  cannotReadEnvelope: (path, reason) => `không đọc được tệp phong bì ${path}: ${reason}`,
  envelopeNotObject: (path) => `tệp phong bì ${path} không phải một đối tượng JSON`,
  envelopeNotJson: (path) => `tệp phong bì ${path} không phải JSON hợp lệ`,
  recipientNameMissing: (code) =>
    `--to ${code}: hãy ghi cả tên cơ quan nhận, --to "${code}=Tên cơ quan" (phong bì không có cơ quan này)`,

  dispatchHeading: (dispatchId, senderCode, state, rejection) =>
    `Văn bản ${dispatchId} của ${senderCode}: ${VI.dispatchState(state)}` +
    (rejection ? ` (${rejection.code}: ${rejection.message})` : ''),
  recipientLine: (agencyCode, state) => `  gửi ${agencyCode}: ${VI.recipientState(state)}`,
  savedFile: (path, sha256) => `  đã lưu ${path} (sha256 ${sha256.slice(0, 16)}…, đã đối chiếu)`,
  downloadCorrupted: (fileName) =>
    `${fileName} nhận về bị sai lệch (SHA-256 khác với bản trục đã ghi); không lưu`,

  inboxEmpty: 'Hộp thư đến chưa có gì.',
  inboxDispatch: (dispatchId, state, senderCode, urgency, subject) =>
    `${dispatchId}  ${VI.recipientState(state).padEnd(15)} từ ${senderCode}  ` +
    `${VI.urgency(urgency).padEnd(11)} ${subject}`,
  inboxStatus: (dispatchId, code, authorCode, name, reason) =>
    `${dispatchId}  ${`trạng thái ${code}`.padEnd(15)} từ ${authorCode}  ${name}` +
    (reason ? `: ${reason}` : ''),
  packetSignature: (verdict) => `[${packetSignatureWordsVi(verdict)}]`,
  inboxUnknownKind: (dispatchId, kind) =>
    `${dispatchId}  ${kind} (phiên bản docaxis này chưa hiển thị được; dùng --json)`,
  nextPage: (cursor) => `đọc tiếp những gì đến sau: docaxis inbox --cursor ${cursor}`,

  acknowledged: (dispatchId, agencyCode, state, before) =>
    `${before ? 'Đã xác nhận từ trước' : 'Đã xác nhận đã nhận'}: văn bản ${dispatchId}, ` +
    `cơ quan nhận ${agencyCode} (${VI.recipientState(state)})`,
  ackRefused: (dispatchId, code, message) => `văn bản ${dispatchId}: ${code}: ${message}`,

  statusRecorded: (dispatchId, code, name, addresseeCode) =>
    `Đã ghi nhận trạng thái ${code} (${name}) của văn bản ${dispatchId}; ` +
    `đang chuyển tới ${addresseeCode}`,

  recalled: (dispatchId, recalledAt) =>
    `Đã thu hồi văn bản ${dispatchId} lúc ${formatInstantAt(recalledAt, 7 * 60, 'giờ Việt Nam')}`,
  withdrawnFrom: (codes) => `  rút khỏi hộp thư của: ${agencyList(codes)}`,
  recallRequestedFrom: (codes) =>
    `  đã gửi yêu cầu thu hồi (cơ quan trả lời 15 hoặc 16) tới: ${agencyList(codes)}`,

  batchSizeNeeded: 'Cần một số nguyên dương (số mã văn bản trong mỗi yêu cầu).',
  help: {
    dispatchId: 'mã văn bản',
    send: {
      description:
        'gửi văn bản: phong bì (JSON) và các tệp PDF đã ký, tới một hoặc nhiều cơ quan nhận',
      envelope: 'phong bì, một tệp JSON',
      files: 'các tệp PDF đã ký',
      to: 'cơ quan nhận (có thể lặp lại); thay cho danh sách cơ quan nhận trong phong bì',
      idempotencyKey: 'gửi lại an toàn bằng cùng một khóa (không tạo văn bản trùng)',
      correlationId: 'mã do bạn đặt để theo dõi lần gửi này trong nhật ký của trục',
      noProgress: 'không hiển thị thanh tiến trình',
    },
    inbox: {
      description: 'liệt kê văn bản đã chuyển tới hộp thư đến của cơ quan bạn, cũ nhất trước',
      cursor: 'tiếp tục sau trang này (nextCursor của trang trước)',
      limit: 'số mục tối đa',
    },
    fetch: {
      description: 'xem một văn bản và tải các tệp PDF kèm theo, có đối chiếu SHA-256',
      out: 'thư mục lưu các tệp PDF',
      noFiles: 'chỉ xem văn bản và trạng thái chuyển tới từng cơ quan nhận',
    },
    ack: {
      description: 'xác nhận đã nhận các văn bản được chuyển tới cơ quan bạn',
      dispatchIds: 'các mã văn bản',
      batchSize: 'số mã văn bản tối đa trong mỗi yêu cầu (ít hơn nếu trục báo giới hạn thấp hơn)',
    },
    status: {
      description: 'gửi trạng thái xử lý của một văn bản bạn đã nhận (03 Đã tiếp nhận, …)',
      code: 'mã trạng thái: 01-06, 15 hoặc 16',
      reason: 'lý do; bắt buộc với 02 và 16',
      noticeId: 'mã do bạn đặt cho thông báo này (gửi lại không bị trùng)',
      staff: 'người xử lý',
    },
    recall: {
      description: 'thu hồi văn bản bạn đã gửi',
      reason: 'lý do thu hồi, hiển thị cho các cơ quan nhận',
    },
  },
};

const EN: DispatchMessages = {
  dispatchState: (state) => state,
  recipientState: (state) => state,
  urgency: (urgency) => urgency,
  // The API names a status code in Vietnamese only (GET /inbox has no language): worded here.
  statusName: (code, name) => {
    const known = normalizeEdxmlStatusCode(code);
    return known ? edxmlStatusDefinition(known).englishName : name;
  },

  accepted: (replayed, dispatchId, state, to) =>
    `${replayed ? 'Already accepted' : 'Accepted'} dispatch ${dispatchId}, to ${agencyList(to)}` +
    (state === 'accepted' ? '' : `; now: ${state}`),
  followWith: (dispatchId) => `Follow it with: docaxis fetch ${dispatchId} --no-files`,
  uploadProgress: 'uploading [{bar}] {percentage}% {value}/{total} bytes',
  cannotReadFile: (path, reason) => `cannot read ${path}: ${reason}`,
  cannotReadEnvelope: (path, reason) => `cannot read the envelope ${path}: ${reason}`,
  envelopeNotObject: (path) => `the envelope ${path} is not a JSON object`,
  envelopeNotJson: (path) => `the envelope ${path} is not valid JSON`,
  recipientNameMissing: (code) =>
    `--to ${code}: give the agency name as --to "${code}=Tên cơ quan" (it is not in the envelope)`,

  dispatchHeading: (dispatchId, senderCode, state, rejection) =>
    `Dispatch ${dispatchId} from ${senderCode}: ${state}` +
    (rejection ? ` (${rejection.code}: ${rejection.message})` : ''),
  recipientLine: (agencyCode, state) => `  to ${agencyCode}: ${state}`,
  savedFile: (path, sha256) => `  saved ${path} (sha256 ${sha256.slice(0, 16)}…, verified)`,
  downloadCorrupted: (fileName) =>
    `${fileName} arrived altered (SHA-256 differs from the axis record); not saved`,

  inboxEmpty: 'Inbox empty.',
  inboxDispatch: (dispatchId, state, senderCode, urgency, subject) =>
    `${dispatchId}  ${state.padEnd(12)} from ${senderCode}  ${urgency.padEnd(8)} ${subject}`,
  inboxStatus: (dispatchId, code, authorCode, name, reason) =>
    `${dispatchId}  ${`status ${code}`.padEnd(12)} from ${authorCode}  ${EN.statusName(code, name)}` +
    (reason ? `: ${reason}` : ''),
  packetSignature: (verdict) => `[${packetSignatureWordsEn(verdict)}]`,
  inboxUnknownKind: (dispatchId, kind) =>
    `${dispatchId}  ${kind} (not shown by this version of docaxis; use --json)`,
  nextPage: (cursor) => `what comes after these: docaxis inbox --cursor ${cursor}`,

  acknowledged: (dispatchId, agencyCode, state, before) =>
    `${before ? 'Already acknowledged' : 'Acknowledged'}: dispatch ${dispatchId} for ${agencyCode} (${state})`,
  ackRefused: (dispatchId, code, message) => `dispatch ${dispatchId}: ${code}: ${message}`,

  statusRecorded: (dispatchId, code, name, addresseeCode) =>
    `Status ${code} (${EN.statusName(code, name)}) recorded for dispatch ${dispatchId}; on its way to ${addresseeCode}`,

  recalled: (dispatchId, recalledAt) =>
    `Recalled dispatch ${dispatchId} at ${formatInstantAt(recalledAt, 0, 'UTC')}`,
  withdrawnFrom: (codes) => `  withdrawn from: ${agencyList(codes)}`,
  recallRequestedFrom: (codes) =>
    `  recall requested from (they answer 15 or 16): ${agencyList(codes)}`,

  batchSizeNeeded: 'a positive whole number of ids is needed.',
  help: {
    dispatchId: 'the dispatch id',
    send: {
      description:
        'send a dispatch: an envelope (JSON) and its signed PDFs, to one or many agencies',
      envelope: 'the envelope, a JSON file',
      files: 'the signed PDFs',
      to: 'recipient agency (repeatable); replaces the envelope recipients',
      idempotencyKey: 'repeat a send safely with the same key',
      correlationId: 'follow this send in the axis logs by your own id',
      noProgress: 'no progress bar',
    },
    inbox: {
      description: 'list dispatches delivered to your agency (hộp thư đến), oldest first',
      cursor: 'continue after this page (nextCursor of the last one)',
      limit: 'at most this many',
    },
    fetch: {
      description: 'show a dispatch and download its PDFs, checked against their SHA-256',
      out: 'folder the PDFs are saved in',
      noFiles: 'only show the dispatch and its delivery states',
    },
    ack: {
      description: 'acknowledge receipt of dispatches delivered to your agency',
      dispatchIds: 'the dispatch ids',
      batchSize: 'at most this many ids per request (fewer if the axis says its limit is lower)',
    },
    status: {
      description: 'post a status notice on a dispatch you received (03 Đã tiếp nhận, …)',
      code: 'status code: 01-06, 15 or 16',
      reason: 'lý do; required for 02 and 16',
      noticeId: 'your id for this notice (repeat-safe)',
      staff: 'who handled it',
    },
    recall: {
      description: 'recall a dispatch you sent (thu hồi văn bản)',
      reason: 'lý do thu hồi, shown to the recipients',
    },
  },
};

export const DISPATCH_MESSAGES: Readonly<Record<CliLanguage, DispatchMessages>> = {
  vi: VI,
  en: EN,
};
