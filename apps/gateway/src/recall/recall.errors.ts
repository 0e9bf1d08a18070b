import { ConflictError, ForbiddenError } from '@docaxis/errors/domain-error-kinds';
import { type BodyIssue, RequestBodyInvalidError } from '../http/body-issues';

export class RecallRequestInvalidError extends RequestBodyInvalidError {
  constructor(issues: readonly BodyIssue[]) {
    super('RECALL_REQUEST_INVALID', 'The recall request is not valid', issues);
  }
}

export class NotTheSenderError extends ForbiddenError {
  constructor(dispatchId: string) {
    super('NOT_THE_SENDER', `Only the sender of dispatch ${dispatchId} can recall it.`, {
      dispatchId,
    });
  }
}

export class DispatchAlreadyRecalledError extends ConflictError {
  constructor(dispatchId: string, recalledAt: Date) {
    super('DISPATCH_ALREADY_RECALLED', `Dispatch ${dispatchId} was already recalled.`, {
      dispatchId,
      recalledAt: recalledAt.toISOString(),
    });
  }
}

export class DispatchNotRecallableError extends ConflictError {
  constructor(dispatchId: string) {
    super(
      'DISPATCH_NOT_RECALLABLE',
      `Dispatch ${dispatchId} was rejected by the axis: it reached nobody, there is nothing to recall.`,
      { dispatchId },
    );
  }
}
