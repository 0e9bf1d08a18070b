import { Module } from '@nestjs/common';
import { DispatchesModule } from '../dispatches/dispatches.module';
import { AcknowledgeInboxUseCase } from './acknowledge-inbox.usecase';
import { InboxController } from './inbox.controller';
import { ListInboxUseCase } from './list-inbox.usecase';

@Module({
  imports: [DispatchesModule],
  controllers: [InboxController],
  providers: [ListInboxUseCase, AcknowledgeInboxUseCase],
})
export class InboxModule {}
