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
      useFactory: (config: GatewayConfig) => new InboxWakeups({ url: config.DATABASE_URL }),
    },
    InboxWakeupsLifecycle,
  ],
})
export class InboxModule {}
