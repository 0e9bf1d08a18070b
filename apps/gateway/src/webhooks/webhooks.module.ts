import { Module } from '@nestjs/common';
import { ManageWebhooksUseCase } from './manage-webhooks.usecase';
import { WebhooksController } from './webhooks.controller';

@Module({ controllers: [WebhooksController], providers: [ManageWebhooksUseCase] })
export class WebhooksModule {}
