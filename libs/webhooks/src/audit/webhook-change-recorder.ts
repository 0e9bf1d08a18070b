import { Injectable } from '@nestjs/common';
import type { MessagePayloads } from '@docaxis/messaging/contracts/message-payloads';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import type { WebhookChangeHook } from '@docaxis/persistence/webhook/webhook.repository';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';

export type WebhookChangeAction = MessagePayloads['webhook.changed']['action'];

/**
 * Records an agency's webhook changes on the audit trail: the `webhook.changed` event is written
 * to the outbox in the change's own transaction (never the secret), so every change that took
 * effect is audited once, with the certificate that made it.
 */
@Injectable()
export class WebhookChangeRecorder {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  /** The repository hook that records `action` by `caller`. */
  recording(
    caller: Pick<AuthenticatedAgency, 'certificateSubject'>,
    action: WebhookChangeAction,
  ): WebhookChangeHook {
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
          occurredAt: new Date().toISOString(),
          actor: caller.certificateSubject,
        },
      });
    };
  }

  /** After the commit: the relay publishes at once instead of at its next poll. */
  published(): void {
    this.relay.nudge();
  }
}
