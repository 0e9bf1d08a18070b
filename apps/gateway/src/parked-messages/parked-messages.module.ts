import { Module } from '@nestjs/common';
import { DiscardParkedMessageUseCase } from './discard-parked-message.usecase';
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
  ],
})
export class ParkedMessagesModule {}
