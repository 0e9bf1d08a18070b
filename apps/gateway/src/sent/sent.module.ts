import { Module } from '@nestjs/common';
import { ListSentUseCase } from './list-sent.usecase';
import { SentController } from './sent.controller';

/** The sender's list of what it sent (văn bản đi). */
@Module({ controllers: [SentController], providers: [ListSentUseCase] })
export class SentModule {}
