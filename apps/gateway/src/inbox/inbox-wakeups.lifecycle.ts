import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InboxWakeups } from '@docaxis/persistence/inbox/inbox-wakeups';

/** Listens for deliveries from start-up (long-polls poll until it does), and stops with the app. */
@Injectable()
export class InboxWakeupsLifecycle implements OnModuleInit, OnModuleDestroy {
  constructor(private readonly wakeups: InboxWakeups) {}

  onModuleInit(): Promise<void> {
    return this.wakeups.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.wakeups.stop();
  }
}
