import {
  ForbiddenError,
  NotFoundError,
  UnprocessableError,
} from '@docaxis/errors/domain-error-kinds';

/** The packet's `From/OrganId` is not the agency of the calling certificate. */
export class EdxmlStatusAuthorMismatchError extends ForbiddenError {
  constructor(from: string, agencyCode: string) {
    super(
      'SENDER_MISMATCH',
      `The status packet says it is from ${from}, but the calling certificate belongs to ${agencyCode}.`,
      { from, agencyCode },
      {
        vi: `Gói tin trạng thái ghi nơi gửi là ${from}, nhưng chứng thư số đang dùng thuộc cơ quan, tổ chức ${agencyCode}.`,
      },
    );
  }
}

/** `ResponseFor` names another document than the dispatch in the URL. */
export class EdxmlStatusDispatchMismatchError extends UnprocessableError {
  constructor(responseFor: string, documentId: string) {
    super(
      'EDXML_STATUS_DISPATCH_MISMATCH',
      `The status packet answers ${responseFor}, not this dispatch (${documentId}).`,
      { responseFor, documentId },
      {
        vi: `Gói tin trạng thái trả lời cho văn bản ${responseFor}, không phải văn bản này (${documentId}).`,
      },
    );
  }
}

export class StatusNoticeNotFoundError extends NotFoundError {
  constructor(noticeId: string) {
    super(
      'STATUS_NOTICE_NOT_FOUND',
      `No status notice ${noticeId} on this dispatch for you.`,
      { noticeId },
      { vi: `Văn bản này không có thông báo trạng thái ${noticeId} dành cho cơ quan.` },
    );
  }
}
