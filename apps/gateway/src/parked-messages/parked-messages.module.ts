import { Module } from '@nestjs/common';
import { DiscardParkedMessageUseCase } from './discard-parked-message.usecase';
import { DiscardedStatusNoticeRelease } from './discarded-status-notice-release';
import { ListParkedMessagesUseCase } from './list-parked-messages.usecase';
import { ParkedMessagesController } from './parked-messages.controller';
import { ReadParkedMessageUseCase } from './read-parked-message.usecase';
import { RedriveParkedMessageUseCase } from './redrive-parked-message.usecase';

@Module({
  controllers: [ParkedMessagesController],
  providers: [
    ListParkedMessagesUseCase,
    ReadParkedMessageUseCase,
    RedriveParkedMessageUseCase,
    DiscardParkedMessageUseCase,
    DiscardedStatusNoticeRelease,
  ],
})
export class ParkedMessagesModule {}
