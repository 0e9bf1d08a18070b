import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  batchItemId,
  isBatchedEventType,
  perDispatchEventsOf,
} from '@docaxis/messaging/contracts/batched-events';
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

/** One notification's worth of an inbox event: what a receiver is told, per dispatch. */
interface WebhookEvent {
  type: string;
  /** Unique per webhook (uq_webhook_notifications_source). */
  sourceMessageId: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/**
 * Turns one inbox event into one notification per active webhook of the agencies it concerns,
 * in the transaction that marks the event processed: a redelivered event adds nothing, and a
 * notification exists in the database before the event is acked, so none is lost. An event for
 * agencies none of which has a webhook (WebhookSubscribers, in memory) is acked untouched.
 * A `dispatch.delivered.batch` is told per dispatch, as `dispatch.delivered` with the body that
 * event had (receivers see no batches): one notification per webhook and dispatch listed.
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
        const events = webhookEventsOf(command);
        await this.notifications.enqueue(
          manager,
          targets.flatMap((webhook) =>
            events.map((event) => {
              const id = uuidv7();
              return {
                id,
                webhookId: webhook.id,
                eventType: event.type,
                sourceMessageId: event.sourceMessageId,
                body: webhookNotificationBody({
                  id,
                  type: event.type,
                  agencyCode: webhook.agencyCode,
                  occurredAt: event.occurredAt,
                  data: event.data,
                }),
              };
            }),
          ),
        );
        return targets.length;
      },
    );
    if (!duplicate && added) this.sender.nudge();
  }
}

/** The per-dispatch events an inbox event tells a webhook: itself, or each of a batch's. */
function webhookEventsOf<T extends InboxEventType>(
  command: RecordWebhookNotificationsCommand<T>,
): WebhookEvent[] {
  const { messageId, type, body } = command;
  if (!isBatchedEventType(type)) {
    return [{ type, sourceMessageId: messageId, occurredAt: body.occurredAt, data: { ...body } }];
  }
  return perDispatchEventsOf(type, body as MessagePayloads[typeof type]).map((item) => ({
    type: item.type,
    sourceMessageId: batchItemId(messageId, item.index),
    occurredAt: item.body.occurredAt,
    data: { ...item.body },
  }));
}
