import { Inject, Injectable, Optional } from '@nestjs/common';
import { WebhookAddressPolicy } from '@docaxis/webhooks/destination/webhook-address-policy';
import {
  checkWebhookDestination,
  type HostLookup,
  type RefusedDestination,
  systemHostLookup,
  WEBHOOK_HOST_LOOKUP,
} from '@docaxis/webhooks/destination/webhook-destination';
import { WebhookSecretCipher } from '@docaxis/webhooks/secrets/webhook-secret-cipher';
import {
  type WebhookChangeHook,
  WebhookRepository,
} from '@docaxis/persistence/webhook/webhook.repository';
import type { WebhookEntity } from '@docaxis/persistence/webhook/webhook.entity';
import { isUuid } from '@docaxis/persistence/database/uuid';
import {
  WebhookHostLookupFailedError,
  WebhookNotFoundError,
  WebhookRegistrationInvalidError,
  WebhookUrlNotPublicError,
  WebhookUrlUnresolvableError,
} from './webhook.errors';
import { webhookRegistrationSchema } from './webhook-registration.schema';
import {
  reactivatedWebhookView,
  webhookNotificationView,
  webhookView,
  type ReactivatedWebhookView,
  type WebhookNotificationView,
  type WebhookView,
} from './webhook-view';
import { bodyIssues } from '../http/body-issues';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { WebhookChangeRecorder } from '@docaxis/webhooks/audit/webhook-change-recorder';

/** Who manages a webhook: its agency, and the certificate the audit trail names. */
type WebhookCaller = Pick<AuthenticatedAgency, 'agencyCode' | 'certificateSubject'>;

const MAX_HISTORY = 200;
/** How long an agency is told to wait after a temporary DNS failure: resolvers recover in seconds. */
const LOOKUP_RETRY_AFTER_SECONDS = 30;

/**
 * An agency's own webhooks: register (replacing the active one), list, deactivate, reactivate,
 * history. Each change that takes effect is audited (`webhook.changed`).
 */
@Injectable()
export class ManageWebhooksUseCase {
  private readonly addressPolicy: WebhookAddressPolicy;

  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly cipher: WebhookSecretCipher,
    @Inject(GATEWAY_CONFIG) config: Pick<GatewayConfig, 'WEBHOOK_ALLOWED_PRIVATE_NETWORKS'>,
    private readonly changes: WebhookChangeRecorder,
    @Optional() @Inject(WEBHOOK_HOST_LOOKUP) private readonly lookup: HostLookup = systemHostLookup,
  ) {
    this.addressPolicy = new WebhookAddressPolicy(config.WEBHOOK_ALLOWED_PRIVATE_NETWORKS);
  }

  async register(caller: WebhookCaller, body: unknown): Promise<WebhookView> {
    const parsed = webhookRegistrationSchema.safeParse(body ?? {});
    if (!parsed.success) {
      throw new WebhookRegistrationInvalidError(bodyIssues(parsed.error));
    }
    const { url, secret } = parsed.data;
    // Checked here so the agency hears at once; the notifier checks again at every POST.
    await this.checkDestination(url);
    const registered = await this.webhooks.register(
      caller.agencyCode,
      url,
      (webhookId) => this.cipher.seal(webhookId, secret),
      this.changes.recording(caller.certificateSubject, 'webhook.registered'),
      this.replacedRecording(caller),
    );
    this.changes.published();
    return webhookView(registered);
  }

  /**
   * Sends to an inactive webhook again (after the notifier stopped it, or the agency did), once its
   * URL passes the same check as a registration; it replaces the agency's active webhook, and its
   * pending notifications are sent at once. What happened while it was inactive was not queued
   * for it: the answer says since when, and to read the inbox for it.
   */
  async reactivate(caller: WebhookCaller, id: string): Promise<ReactivatedWebhookView> {
    const webhook = await this.ownWebhook(caller.agencyCode, id);
    await this.checkDestination(webhook.url);
    const reactivated = await this.webhooks.reactivate(
      caller.agencyCode,
      id,
      this.changes.recording(caller.certificateSubject, 'webhook.reactivated'),
      this.replacedRecording(caller),
    );
    if (!reactivated) throw new WebhookNotFoundError(id);
    this.changes.published();
    const wasInactiveFrom = webhook.active ? undefined : webhook.deactivatedAt;
    return reactivatedWebhookView(reactivated, wasInactiveFrom, new Date());
  }

  async list(agencyCode: string): Promise<WebhookView[]> {
    return (await this.webhooks.listForAgency(agencyCode)).map(webhookView);
  }

  async deactivate(caller: WebhookCaller, id: string): Promise<void> {
    const recording = this.changes.recording(caller.certificateSubject, 'webhook.deactivated');
    if (!isUuid(id) || !(await this.webhooks.deactivate(caller.agencyCode, id, recording))) {
      throw new WebhookNotFoundError(id);
    }
    this.changes.published();
  }

  async history(
    agencyCode: string,
    id: string,
    limitParam?: string,
  ): Promise<WebhookNotificationView[]> {
    const webhook = await this.ownWebhook(agencyCode, id);
    const limit = Math.min(Math.max(Number(limitParam) || 50, 1), MAX_HISTORY);
    return (await this.webhooks.history(webhook.id, limit)).map(webhookNotificationView);
  }

  /** The agency's own webhook `id`; not found for a malformed id or another agency's webhook. */
  /**
   * Audits the active webhook a registration or reactivation replaces as deactivated (REPLACED,
   * by the same caller): its own event, so the trail says why it stopped, not only what started.
   */
  private replacedRecording(caller: WebhookCaller): WebhookChangeHook {
    return this.changes.recording(caller.certificateSubject, 'webhook.deactivated');
  }

  private async ownWebhook(agencyCode: string, id: string): Promise<WebhookEntity> {
    const webhook = isUuid(id) ? await this.webhooks.findForAgency(agencyCode, id) : null;
    if (!webhook) throw new WebhookNotFoundError(id);
    return webhook;
  }

  private async checkDestination(url: string): Promise<void> {
    const destination = await checkWebhookDestination(
      new URL(url),
      this.addressPolicy,
      this.lookup,
    );
    if (!destination.ok) throw refusalError(destination);
  }
}

function refusalError({ reason, message, messageVi }: RefusedDestination): Error {
  const why = { en: message, vi: messageVi };
  switch (reason) {
    case 'not-public':
      return new WebhookUrlNotPublicError(why);
    case 'unresolvable':
      return new WebhookUrlUnresolvableError(why);
    case 'lookup-failed':
      return new WebhookHostLookupFailedError(why, LOOKUP_RETRY_AFTER_SECONDS);
  }
}
