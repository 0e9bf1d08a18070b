import { InvalidInputError, NotFoundError } from '@docaxis/errors/domain-error-kinds';

export interface WebhookIssue {
  path: string;
  message: string;
}

export class WebhookRegistrationInvalidError extends InvalidInputError {
  constructor(readonly issues: readonly WebhookIssue[]) {
    super(
      'WEBHOOK_INVALID',
      `The webhook registration is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`,
      { issues },
    );
  }
}

export class WebhookNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('WEBHOOK_NOT_FOUND', `No webhook ${id} is registered for the calling agency.`, { id });
  }
}
