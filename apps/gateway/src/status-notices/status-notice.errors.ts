import { ConflictError, UnprocessableError } from '@docaxis/errors/domain-error-kinds';
import { type BodyIssue, RequestBodyInvalidError } from '../http/body-issues';

export class StatusNoticeInvalidError extends RequestBodyInvalidError {
  constructor(issues: readonly BodyIssue[]) {
    super(
      'STATUS_NOTICE_INVALID',
      { en: 'The status notice is not valid', vi: 'Thông báo trạng thái xử lý không hợp lệ' },
      issues,
    );
  }
}

export class StatusCodeUnknownError extends UnprocessableError {
  constructor(code: string) {
    super(
      'STATUS_CODE_UNKNOWN',
      `"${code.slice(0, 10)}" is not a status code (trạng thái xử lý) of QĐ 28/2018: use 01–06, 15 or 16.`,
      { code: code.slice(0, 10) },
      {
        vi: `"${code.slice(0, 10)}" không phải là mã trạng thái xử lý theo Quyết định 28/2018/QĐ-TTg: dùng 01–06, 15 hoặc 16.`,
      },
    );
  }
}

export class StatusReasonRequiredError extends UnprocessableError {
  constructor(code: string) {
    super(
      'STATUS_REASON_REQUIRED',
      `Status ${code} needs a reason (lý do) in "reason".`,
      { code },
      { vi: `Trạng thái ${code} phải kèm lý do trong trường "reason".` },
    );
  }
}

export class StatusCodeReservedForSenderError extends UnprocessableError {
  constructor() {
    super(
      'STATUS_CODE_RESERVED_FOR_SENDER',
      'Status 13 (Lấy lại) is the sender’s recall: use POST /dispatches/:id/recall.',
      { code: '13' },
      {
        vi: 'Trạng thái 13 (Lấy lại) là yêu cầu thu hồi của cơ quan gửi: dùng POST /dispatches/:id/recall.',
      },
    );
  }
}

export class StatusTransitionInvalidError extends ConflictError {
  constructor(from: string | null, to: string, allowed: readonly string[]) {
    super(
      'STATUS_TRANSITION_INVALID',
      from === null
        ? `Status ${to} cannot come first: a recipient reports ${allowed.join(' or ')} (Đã đến) first.`
        : `Status ${to} cannot follow ${from}${allowed.length ? `; next may be ${allowed.join(' or ')}` : ': it is final'}.`,
      { from, to, allowed },
      {
        vi:
          from === null
            ? `Trạng thái ${to} không thể là trạng thái đầu tiên: cơ quan nhận phải báo ${allowed.join(' hoặc ')} (Đã đến) trước.`
            : `Trạng thái ${to} không thể tiếp sau trạng thái ${from}${allowed.length ? `; trạng thái tiếp theo có thể là ${allowed.join(' hoặc ')}` : ': đây là trạng thái cuối cùng'}.`,
      },
    );
  }
}

export class RecallNotRequestedError extends ConflictError {
  constructor(dispatchId: string, recallState: string | null) {
    super(
      'RECALL_NOT_REQUESTED',
      recallState === null
        ? `Statuses 15 and 16 answer a recall request, and none is pending for dispatch ${dispatchId}.`
        : `The recall of dispatch ${dispatchId} was already answered (${recallState}).`,
      { dispatchId, recallState },
      {
        vi:
          recallState === null
            ? `Trạng thái 15 và 16 dùng để trả lời yêu cầu thu hồi, nhưng văn bản ${dispatchId} không có yêu cầu thu hồi nào đang chờ.`
            : `Yêu cầu thu hồi văn bản ${dispatchId} đã được trả lời (${recallState}).`,
      },
    );
  }
}

export class DispatchRecalledError extends ConflictError {
  constructor(dispatchId: string) {
    super(
      'DISPATCH_RECALLED',
      `Your agency agreed to the recall of dispatch ${dispatchId}; it takes no further status.`,
      { dispatchId },
      {
        vi: `Cơ quan đã đồng ý thu hồi văn bản ${dispatchId}; văn bản không nhận thêm trạng thái nào.`,
      },
    );
  }
}

export class NoticeIdReusedError extends ConflictError {
  constructor(noticeId: string) {
    super(
      'NOTICE_ID_REUSED',
      `Notice id "${noticeId}" was already used for a different notice; use a new id for new content.`,
      { noticeId },
      {
        vi: `Mã thông báo "${noticeId}" đã được dùng cho một thông báo khác; đề nghị dùng mã mới cho nội dung mới.`,
      },
    );
  }
}

/** The recipient's own notices kept moving its copy while this one was checked: try again. */
export class StatusNoticeContendedError extends ConflictError {
  constructor(dispatchId: string) {
    super(
      'STATUS_NOTICE_CONTENDED',
      `Other status notices of your agency on dispatch ${dispatchId} were being recorded at the same time; send this one again.`,
      { dispatchId },
      {
        vi: `Cùng lúc đó, trục đang ghi nhận các thông báo trạng thái khác của cơ quan về văn bản ${dispatchId}; đề nghị gửi lại thông báo này.`,
      },
    );
  }
}
