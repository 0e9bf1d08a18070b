import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
} from '@docaxis/errors/domain-error-kinds';

export class StatusNoticeNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('STATUS_NOTICE_NOT_FOUND', `No status notice has the id "${id}".`, { id });
  }
}

/**
 * Why a notice cannot be given up: only one whose message never reached the router, with ready
 * notices waiting behind it, can (what GET /admin/status-notices/blocking lists).
 */
export type UnskippableState = 'delivered' | 'skipped' | 'ready' | 'not-blocking';

const WHY: Record<UnskippableState, string> = {
  delivered: 'it is already in its addressee’s inbox',
  skipped: 'it was already given up',
  ready:
    'its message reached the router and it waits for an earlier notice: skip that one ' +
    '(GET /api/v1/admin/status-notices/blocking lists them)',
  'not-blocking':
    'its message has not reached the router yet, but no ready notice waits behind it: it holds ' +
    'nothing back, and it is delivered when its message arrives (only the notices ' +
    'GET /api/v1/admin/status-notices/blocking lists can be skipped)',
};

export class StatusNoticeNotSkippableError extends ConflictError {
  constructor(id: string, state: UnskippableState) {
    super(
      'STATUS_NOTICE_NOT_SKIPPABLE',
      `The status notice "${id}" cannot be skipped: ${WHY[state]}.`,
      {
        id,
        state,
      },
    );
  }
}

export class SkipReasonInvalidError extends InvalidInputError {
  constructor() {
    super(
      'SKIP_REASON_INVALID',
      'Skipping a status notice needs a "reason" of 1 to 2000 characters.',
    );
  }
}
