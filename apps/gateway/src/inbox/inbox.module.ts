import { Module } from '@nestjs/common';
import { InboxController } from './inbox.controller';
import { ListInboxUseCase } from './list-inbox.usecase';

@Module({ controllers: [InboxController], providers: [ListInboxUseCase] })
export class InboxModule {}
