import { Injectable } from '@nestjs/common';
import {
  WEBHOOK_CHANGE_REASON_MAX,
  type MessagePayloads,
} from '@docaxis/messaging/contracts/message-payloads';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import type { WebhookEntity } from '@docaxis/persistence/webhook/webhook.entity';
import type { WebhookChangeHook } from '@docaxis/persistence/webhook/webhook.repository';

export type WebhookChangeAction = MessagePayloads['webhook.changed']['action'];

/**
 * Records webhook changes on the audit trail: the `webhook.changed` event is written to the
 * outbox in the change's own transaction (never the secret), so every change that took effect is
 * audited once, with who made it: the agency's certificate (gateway) or the notifier, which stops
 * a webhook on its own. A deactivation says why, as the agency reads it on `GET /webhooks`.
 */
@Injectable()
export class WebhookChangeRecorder {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  /** The repository hook that records `action` by `actor` (a certificate subject or an app). */
  recording(actor: string, action: WebhookChangeAction): WebhookChangeHook {
    return async (manager, webhook) => {
      await this.outbox.enqueue(manager, {
        destination: 'events',
        routingKey: MessageTypes.WebhookChanged,
        messageType: MessageTypes.WebhookChanged,
        payload: {
          action,
          agencyCode: webhook.agencyCode,
          webhookId: webhook.id,
          url: webhook.url,
          ...(action === 'webhook.deactivated' ? deactivationOf(webhook) : {}),
          occurredAt: new Date().toISOString(),
          actor,
        },
      });
    };
  }

  /** After the commit: the relay publishes at once instead of at its next poll. */
  published(): void {
    this.relay.nudge();
  }
}

/** Why a deactivated webhook stopped, as its row states it (a row from before: nothing). */
function deactivationOf(
  webhook: WebhookEntity,
): Pick<MessagePayloads['webhook.changed'], 'deactivationCode' | 'reason' | 'reasonVi'> {
  if (webhook.deactivationCode === null) return {};
  return {
    deactivationCode: webhook.deactivationCode,
    ...(webhook.deactivationReason === null ? {} : { reason: clip(webhook.deactivationReason) }),
    ...(webhook.deactivationReasonVi === null
      ? {}
      : { reasonVi: clip(webhook.deactivationReasonVi) }),
  };
}

/** A reason the contract takes: a longer one must not refuse (and so undo) the deactivation. */
function clip(reason: string): string {
  return reason.length <= WEBHOOK_CHANGE_REASON_MAX
    ? reason
    : // Never half a surrogate pair, which would not be text.
      `${reason.slice(0, WEBHOOK_CHANGE_REASON_MAX - 1).replace(/[\ud800-\udbff]$/, '')}…`;
}
