import {
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
} from '@docaxis/errors/domain-error-kinds';
import { type BodyIssue, RequestBodyInvalidError } from '../http/body-issues';

export class InboxAckRequestInvalidError extends RequestBodyInvalidError {
  constructor(issues: readonly BodyIssue[]) {
    super(
      'ACK_REQUEST_INVALID',
      {
        en: 'The acknowledgement request is not valid',
        vi: 'Yêu cầu xác nhận đã nhận không hợp lệ',
      },
      issues,
    );
  }
}

export class InboxAckEmptyError extends InvalidInputError {
  constructor() {
    super('ACK_BATCH_EMPTY', 'dispatchIds names no dispatch: give at least one id.', undefined, {
      vi: 'Trường dispatchIds không nêu văn bản nào: cần ít nhất một mã văn bản.',
    });
  }
}

export class InboxAckTooLargeError extends PayloadTooLargeError {
  constructor(count: number, limit: number) {
    super(
      'ACK_BATCH_TOO_LARGE',
      `One acknowledgement may name at most ${limit} dispatches; this one names ${count}: split it.`,
      { count, limit },
      {
        vi: `Mỗi lần xác nhận chỉ được nêu tối đa ${limit} văn bản; yêu cầu này nêu ${count} văn bản: đề nghị chia nhỏ.`,
      },
    );
  }
}

export class DispatchIdInvalidError extends InvalidInputError {
  constructor(invalid: readonly string[]) {
    super(
      'DISPATCH_ID_INVALID',
      `Not a dispatch id (a UUID): ${invalid.join(', ')}.`,
      { dispatchIds: invalid },
      { vi: `Không phải mã văn bản (dạng UUID): ${invalid.join(', ')}.` },
    );
  }
}

export class InboxAckDuplicateIdsError extends InvalidInputError {
  constructor(duplicates: readonly string[]) {
    super(
      'ACK_BATCH_DUPLICATE_IDS',
      `Each dispatch may be named once; repeated: ${duplicates.join(', ')}.`,
      { dispatchIds: duplicates },
      { vi: `Mỗi văn bản chỉ được nêu một lần; bị lặp: ${duplicates.join(', ')}.` },
    );
  }
}

/** One item's answer in a batch (never thrown): the sender withdrew it before it was fetched. */
export class DispatchWithdrawnError extends NotFoundError {
  constructor(dispatchId: string) {
    super(
      'DISPATCH_WITHDRAWN',
      `The sender recalled dispatch ${dispatchId} before your agency fetched it; it is no longer in your inbox.`,
      { dispatchId },
      {
        vi: `Cơ quan gửi đã thu hồi văn bản ${dispatchId} trước khi cơ quan nhận về; văn bản không còn trong hộp thư đến.`,
      },
    );
  }
}
