import type { BilingualText } from '@docaxis/errors/domain-error';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
} from '@docaxis/errors/domain-error-kinds';

export class StatusNoticeNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(
      'STATUS_NOTICE_NOT_FOUND',
      `No status notice has the id "${id}".`,
      { id },
      { vi: `Không có thông báo trạng thái nào có mã "${id}".` },
    );
  }
}

/**
 * Why a notice cannot be given up: only one whose message never reached the router, with ready
 * notices waiting behind it, can (what GET /admin/status-notices/blocking lists).
 */
export type UnskippableState = 'delivered' | 'skipped' | 'ready' | 'not-blocking';

const WHY: Readonly<Record<UnskippableState, BilingualText>> = {
  delivered: {
    en: 'it is already in its addressee’s inbox',
    vi: 'thông báo đã nằm trong hộp thư đến của nơi nhận',
  },
  skipped: { en: 'it was already given up', vi: 'thông báo đã được bỏ qua trước đó' },
  ready: {
    en:
      'its message reached the router and it waits for an earlier notice: skip that one ' +
      '(GET /api/v1/admin/status-notices/blocking lists them)',
    vi:
      'thông điệp của thông báo đã đến bộ định tuyến và đang chờ một thông báo trước đó: hãy bỏ qua ' +
      'thông báo đó (danh sách tại GET /api/v1/admin/status-notices/blocking)',
  },
  'not-blocking': {
    en:
      'its message has not reached the router yet, but no ready notice waits behind it: it holds ' +
      'nothing back, and it is delivered when its message arrives (only the notices ' +
      'GET /api/v1/admin/status-notices/blocking lists can be skipped)',
    vi:
      'thông điệp của thông báo chưa đến bộ định tuyến, nhưng không có thông báo sẵn sàng nào ' +
      'đang chờ sau thông báo này: thông báo không chặn thông báo nào và sẽ được chuyển khi ' +
      'thông điệp đến (chỉ bỏ qua được các thông báo có trong danh sách ' +
      'GET /api/v1/admin/status-notices/blocking)',
  },
};

export class StatusNoticeNotSkippableError extends ConflictError {
  constructor(id: string, state: UnskippableState) {
    super(
      'STATUS_NOTICE_NOT_SKIPPABLE',
      `The status notice "${id}" cannot be skipped: ${WHY[state].en}.`,
      { id, state },
      { vi: `Không thể bỏ qua thông báo trạng thái "${id}": ${WHY[state].vi}.` },
    );
  }
}

export class SkipReasonInvalidError extends InvalidInputError {
  constructor() {
    super(
      'SKIP_REASON_INVALID',
      'Skipping a status notice needs a "reason" of 1 to 2000 characters.',
      undefined,
      { vi: 'Bỏ qua thông báo trạng thái cần có lý do ("reason") dài từ 1 đến 2000 ký tự.' },
    );
  }
}
