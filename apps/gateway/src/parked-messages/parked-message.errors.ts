import type { BilingualText } from '@docaxis/errors/domain-error';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  UnprocessableError,
} from '@docaxis/errors/domain-error-kinds';
import type { ParkedMessageState } from '@docaxis/persistence/parked-message/parked-message.entity';

export class ParkedMessageNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(
      'PARKED_MESSAGE_NOT_FOUND',
      `No parked message has the id "${id}".`,
      { id },
      { vi: `Không có thông điệp bị giữ lại nào có mã "${id}".` },
    );
  }
}

const RESOLVED_VI: Readonly<Record<Exclude<ParkedMessageState, 'parked'>, string>> = {
  redriven: 'được đưa xử lý lại',
  discarded: 'bị loại bỏ',
};

/** Redriving or discarding a message an operator already redrove or discarded. */
export class ParkedMessageAlreadyResolvedError extends ConflictError {
  constructor(id: string, state: Exclude<ParkedMessageState, 'parked'>) {
    super(
      'PARKED_MESSAGE_ALREADY_RESOLVED',
      `The parked message "${id}" was already ${state}.`,
      { id, state },
      { vi: `Thông điệp bị giữ lại "${id}" đã ${RESOLVED_VI[state]} trước đó.` },
    );
  }
}

/** Without a type or a JSON object body no consumer could take it back: discard it instead. */
export class ParkedMessageNotRedrivableError extends UnprocessableError {
  constructor(id: string, reason: BilingualText) {
    super(
      'PARKED_MESSAGE_NOT_REDRIVABLE',
      `The parked message "${id}" cannot be redriven: ${reason.en}. Discard it with a reason.`,
      { id },
      {
        vi: `Không thể đưa thông điệp bị giữ lại "${id}" xử lý lại: ${reason.vi}. Đề nghị loại bỏ thông điệp, kèm lý do.`,
      },
    );
  }
}

export class ParkedMessageQueryInvalidError extends InvalidInputError {
  constructor(problem: BilingualText) {
    super(
      'PARKED_MESSAGE_QUERY_INVALID',
      `The parked message query is invalid: ${problem.en}.`,
      undefined,
      { vi: `Điều kiện tra cứu thông điệp bị giữ lại không hợp lệ: ${problem.vi}.` },
    );
  }
}

export class DiscardReasonInvalidError extends InvalidInputError {
  constructor() {
    super(
      'DISCARD_REASON_INVALID',
      'Discarding a parked message needs a "reason" of 1 to 2000 characters.',
      undefined,
      { vi: 'Loại bỏ thông điệp bị giữ lại cần có lý do ("reason") dài từ 1 đến 2000 ký tự.' },
    );
  }
}
