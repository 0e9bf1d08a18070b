import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MessageHandlerRegistry } from '@docaxis/messaging/consumer/message-handler-registry';
import { INBOX_EVENT_TYPES } from './inbox-event-audience';
import { INBOX_EVENTS_QUEUE } from './inbox-events.queue';
import { RecordWebhookNotificationsUseCase } from './record-webhook-notifications.usecase';

/** Thin adapter: inbox events → RecordWebhookNotificationsUseCase. */
@Injectable()
export class InboxEventsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: MessageHandlerRegistry,
    private readonly record: RecordWebhookNotificationsUseCase,
  ) {}

  onModuleInit(): void {
    this.registry.consume(INBOX_EVENTS_QUEUE);
    for (const type of INBOX_EVENT_TYPES) {
      this.registry.handle(INBOX_EVENTS_QUEUE, type, (message) =>
        this.record.execute({ messageId: message.messageId, type, body: message.body }),
      );
    }
  }
}
