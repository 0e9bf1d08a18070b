import type { BilingualText } from '@docaxis/errors/domain-error';
import {
  NotFoundError,
  UnavailableError,
  UnprocessableError,
} from '@docaxis/errors/domain-error-kinds';
import { type BodyIssue, RequestBodyInvalidError } from '../http/body-issues';

export class WebhookRegistrationInvalidError extends RequestBodyInvalidError {
  constructor(issues: readonly BodyIssue[]) {
    super(
      'WEBHOOK_INVALID',
      { en: 'The webhook registration is invalid', vi: 'Yêu cầu đăng ký webhook không hợp lệ' },
      issues,
    );
  }
}

export class WebhookNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(
      'WEBHOOK_NOT_FOUND',
      `No webhook ${id} is registered for the calling agency.`,
      { id },
      { vi: `Cơ quan chưa đăng ký webhook nào có mã ${id}.` },
    );
  }
}

/** The URL's host is, or resolves to, an address webhooks may not reach (SSRF protection). */
export class WebhookUrlNotPublicError extends UnprocessableError {
  constructor(reason: BilingualText) {
    super(
      'WEBHOOK_URL_NOT_PUBLIC',
      `The webhook URL is refused: ${reason.en}. Webhooks are sent only to public addresses.`,
      { reason: reason.en },
      {
        vi: `Địa chỉ URL của webhook bị từ chối: ${reason.vi}. Webhook chỉ được gửi tới địa chỉ công cộng.`,
      },
    );
  }
}

/** The URL's host name does not exist (NXDOMAIN) or has no address: most likely a typing mistake. */
export class WebhookUrlUnresolvableError extends UnprocessableError {
  constructor(reason: BilingualText) {
    super(
      'WEBHOOK_URL_UNRESOLVABLE',
      `The webhook URL is refused: ${reason.en}.`,
      { reason: reason.en },
      { vi: `Địa chỉ URL của webhook bị từ chối: ${reason.vi}; đề nghị kiểm tra lại tên máy chủ.` },
    );
  }
}

/**
 * The resolver could not answer (EAI_AGAIN, SERVFAIL, time-out): nothing is known about the name,
 * so the registration is neither refused for good nor stored unchecked; the agency sends it again.
 */
export class WebhookHostLookupFailedError extends UnavailableError {
  constructor(reason: BilingualText, retryAfterSeconds: number) {
    super(
      'WEBHOOK_HOST_LOOKUP_FAILED',
      `The webhook URL could not be checked: ${reason.en}. Nothing was registered; send the same registration again in ${retryAfterSeconds} s.`,
      { reason: reason.en, retryAfterSeconds },
      {
        vi: `Chưa kiểm tra được địa chỉ URL của webhook: ${reason.vi}. Webhook chưa được đăng ký; đề nghị gửi lại đúng yêu cầu đăng ký này sau ${retryAfterSeconds} giây.`,
      },
    );
  }
}
