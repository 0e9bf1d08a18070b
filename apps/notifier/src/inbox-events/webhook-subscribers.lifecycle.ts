import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { WebhookSubscribers } from '@docaxis/persistence/webhook/webhook-subscribers';

/** Listens for webhook changes before the inbox-event consumers start, and stops with the app. */
@Injectable()
export class WebhookSubscribersLifecycle implements OnModuleInit, OnModuleDestroy {
  constructor(private readonly subscribers: WebhookSubscribers) {}

  onModuleInit(): Promise<void> {
    return this.subscribers.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.subscribers.stop();
  }
}
