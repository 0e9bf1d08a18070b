import { NotFoundError } from '@docaxis/errors/domain-error-kinds';
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
