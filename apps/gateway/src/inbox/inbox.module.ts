import { Module } from '@nestjs/common';
import { InboxWakeups } from '@docaxis/persistence/inbox/inbox-wakeups';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { DispatchesModule } from '../dispatches/dispatches.module';
import { AcknowledgeInboxUseCase } from './acknowledge-inbox.usecase';
import { InboxController } from './inbox.controller';
import { InboxWakeupsLifecycle } from './inbox-wakeups.lifecycle';
import { ListInboxUseCase } from './list-inbox.usecase';

@Module({
  imports: [DispatchesModule],
  controllers: [InboxController],
  providers: [
    ListInboxUseCase,
    AcknowledgeInboxUseCase,
    {
      provide: InboxWakeups,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) =>
        new InboxWakeups({
          url: config.DATABASE_URL,
          reconnect: {
            initialMs: config.INBOX_LISTENER_RECONNECT_INITIAL_MS,
            maxMs: config.INBOX_LISTENER_RECONNECT_MAX_MS,
          },
        }),
    },
    InboxWakeupsLifecycle,
  ],
})
export class InboxModule {}
