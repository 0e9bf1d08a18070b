import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
} from '@docaxis/errors/domain-error-kinds';

export class RecallRequestInvalidError extends InvalidInputError {
  constructor(issues: readonly { path: string; message: string }[]) {
    super(
      'RECALL_REQUEST_INVALID',
      `The recall request is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`,
      { issues },
    );
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
