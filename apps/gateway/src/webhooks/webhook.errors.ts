import {
  NotFoundError,
  UnavailableError,
  UnprocessableError,
} from '@docaxis/errors/domain-error-kinds';
import { type BodyIssue, RequestBodyInvalidError } from '../http/body-issues';

export class WebhookRegistrationInvalidError extends RequestBodyInvalidError {
  constructor(issues: readonly BodyIssue[]) {
    super('WEBHOOK_INVALID', 'The webhook registration is invalid', issues);
  }
}

export class WebhookNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('WEBHOOK_NOT_FOUND', `No webhook ${id} is registered for the calling agency.`, { id });
  }
}

/** The URL's host is, or resolves to, an address webhooks may not reach (SSRF protection). */
export class WebhookUrlNotPublicError extends UnprocessableError {
  constructor(reason: string) {
    super(
      'WEBHOOK_URL_NOT_PUBLIC',
      `The webhook URL is refused: ${reason}. Webhooks are sent only to public addresses.`,
      { reason },
    );
  }
}

/** The URL's host name does not exist (NXDOMAIN) or has no address: most likely a typing mistake. */
export class WebhookUrlUnresolvableError extends UnprocessableError {
  constructor(reason: string) {
    super('WEBHOOK_URL_UNRESOLVABLE', `The webhook URL is refused: ${reason}.`, { reason });
  }
}

/**
 * The resolver could not answer (EAI_AGAIN, SERVFAIL, time-out): nothing is known about the name,
 * so the registration is neither refused for good nor stored unchecked; the agency sends it again.
 */
export class WebhookHostLookupFailedError extends UnavailableError {
  constructor(reason: string, retryAfterSeconds: number) {
    super(
      'WEBHOOK_HOST_LOOKUP_FAILED',
      `The webhook URL could not be checked: ${reason}. Nothing was registered; send the same registration again in ${retryAfterSeconds} s.`,
      { reason, retryAfterSeconds },
    );
  }
}
