import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { runOnce } from '@docaxis/messaging/inbox/run-once';
import type { MessagePayloads } from '@docaxis/messaging/contracts/message-payloads';
import { WebhookNotificationRepository } from '@docaxis/persistence/webhook/webhook-notification.repository';
import { WebhookRepository } from '@docaxis/persistence/webhook/webhook.repository';
import { WebhookSubscribers } from '@docaxis/persistence/webhook/webhook-subscribers';
import { WebhookSender } from '../sending/webhook-sender.service';
import { inboxAgenciesOf, type InboxEventType } from './inbox-event-audience';
import { webhookNotificationBody } from './webhook-notification-body';

export interface RecordWebhookNotificationsCommand<T extends InboxEventType> {
  messageId: string;
  type: T;
  body: MessagePayloads[T];
}

const CONSUMER = 'notifier.inbox-events';

/**
 * Turns one inbox event into one notification per active webhook of the agencies it concerns,
 * in the transaction that marks the event processed: a redelivered event adds nothing, and a
 * notification exists in the database before the event is acked, so none is lost. An event for
 * agencies none of which has a webhook (WebhookSubscribers, in memory) is acked untouched.
 */
@Injectable()
export class RecordWebhookNotificationsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhookRepository,
    private readonly notifications: WebhookNotificationRepository,
    private readonly sender: WebhookSender,
    private readonly subscribers: WebhookSubscribers,
  ) {}

  async execute<T extends InboxEventType>(
    command: RecordWebhookNotificationsCommand<T>,
  ): Promise<void> {
    const agencyCodes = inboxAgenciesOf(command.type, command.body);
    // Most agencies poll instead: their events need no transaction at all (nothing to record,
    // so nothing to deduplicate either).
    if (!(await this.subscribers.anySubscribed(agencyCodes))) return;
    const { duplicate, result: added } = await runOnce(
      this.dataSource,
      CONSUMER,
      command.messageId,
      async (manager) => {
        const targets = await this.webhooks.activeFor(manager, agencyCodes);
        await this.notifications.enqueue(
          manager,
          targets.map((webhook) => {
            const id = uuidv7();
            return {
              id,
              webhookId: webhook.id,
              eventType: command.type,
              sourceMessageId: command.messageId,
              body: webhookNotificationBody({
                id,
                type: command.type,
                agencyCode: webhook.agencyCode,
                occurredAt: command.body.occurredAt,
                data: { ...command.body },
              }),
            };
          }),
        );
        return targets.length;
      },
    );
    if (!duplicate && added) this.sender.nudge();
  }
}
