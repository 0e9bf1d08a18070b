import { ConflictError, ForbiddenError } from '@docaxis/errors/domain-error-kinds';
import { type BodyIssue, RequestBodyInvalidError } from '../http/body-issues';

export class RecallRequestInvalidError extends RequestBodyInvalidError {
  constructor(issues: readonly BodyIssue[]) {
    super(
      'RECALL_REQUEST_INVALID',
      { en: 'The recall request is not valid', vi: 'Yêu cầu thu hồi không hợp lệ' },
      issues,
    );
  }
}

export class NotTheSenderError extends ForbiddenError {
  constructor(dispatchId: string) {
    super(
      'NOT_THE_SENDER',
      `Only the sender of dispatch ${dispatchId} can recall it.`,
      { dispatchId },
      { vi: `Chỉ cơ quan gửi văn bản ${dispatchId} mới được thu hồi văn bản này.` },
    );
  }
}

export class DispatchAlreadyRecalledError extends ConflictError {
  constructor(dispatchId: string, recalledAt: Date) {
    super(
      'DISPATCH_ALREADY_RECALLED',
      `Dispatch ${dispatchId} was already recalled.`,
      { dispatchId, recalledAt: recalledAt.toISOString() },
      { vi: `Văn bản ${dispatchId} đã được thu hồi trước đó.` },
    );
  }
}

export class DispatchNotRecallableError extends ConflictError {
  constructor(dispatchId: string) {
    super(
      'DISPATCH_NOT_RECALLABLE',
      `Dispatch ${dispatchId} was rejected by the axis: it reached nobody, there is nothing to recall.`,
      { dispatchId },
      {
        vi: `Văn bản ${dispatchId} đã bị trục từ chối và không đến được nơi nhận nào, nên không có gì để thu hồi.`,
      },
    );
  }
}
