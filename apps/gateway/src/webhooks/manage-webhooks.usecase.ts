import { Injectable } from '@nestjs/common';
import { WebhookRepository } from '@docaxis/persistence/webhook/webhook.repository';
import { isUuid } from '@docaxis/persistence/database/uuid';
import { WebhookNotFoundError, WebhookRegistrationInvalidError } from './webhook.errors';
import { webhookRegistrationSchema } from './webhook-registration.schema';
import {
  webhookNotificationView,
  webhookView,
  type WebhookNotificationView,
  type WebhookView,
} from './webhook-view';
import { bodyIssues } from '../http/body-issues';

const MAX_HISTORY = 200;

/** An agency's own webhooks: register (replacing the active one), list, deactivate, history. */
@Injectable()
export class ManageWebhooksUseCase {
  constructor(private readonly webhooks: WebhookRepository) {}

  async register(agencyCode: string, body: unknown): Promise<WebhookView> {
    const parsed = webhookRegistrationSchema.safeParse(body ?? {});
    if (!parsed.success) {
      throw new WebhookRegistrationInvalidError(bodyIssues(parsed.error));
    }
    const { url, secret } = parsed.data;
    return webhookView(await this.webhooks.register(agencyCode, url, secret));
  }

  async list(agencyCode: string): Promise<WebhookView[]> {
    return (await this.webhooks.listForAgency(agencyCode)).map(webhookView);
  }

  async deactivate(agencyCode: string, id: string): Promise<void> {
    if (!isUuid(id) || !(await this.webhooks.deactivate(agencyCode, id))) {
      throw new WebhookNotFoundError(id);
    }
  }

  async history(
    agencyCode: string,
    id: string,
    limitParam?: string,
  ): Promise<WebhookNotificationView[]> {
    const webhook = isUuid(id) ? await this.webhooks.findForAgency(agencyCode, id) : null;
    if (!webhook) throw new WebhookNotFoundError(id);
    const limit = Math.min(Math.max(Number(limitParam) || 50, 1), MAX_HISTORY);
    return (await this.webhooks.history(webhook.id, limit)).map(webhookNotificationView);
  }
}
