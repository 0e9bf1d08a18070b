import { type DynamicModule, Module } from '@nestjs/common';
import { webhookSecretProviders } from '@docaxis/webhooks/secrets/webhook-secret.providers';
import type { GatewayConfig } from '../config/gateway.config';
import { ManageWebhooksUseCase } from './manage-webhooks.usecase';
import { WebhookChangeRecorder } from '@docaxis/webhooks/audit/webhook-change-recorder';
import { WebhooksController } from './webhooks.controller';

@Module({})
export class WebhooksModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: WebhooksModule,
      controllers: [WebhooksController],
      providers: [ManageWebhooksUseCase, WebhookChangeRecorder, ...webhookSecretProviders(config)],
    };
  }
}
