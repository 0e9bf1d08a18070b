import { type DynamicModule, Module } from '@nestjs/common';
import { messagingOptionsFromEnv } from '@docaxis/messaging/messaging-env';
import { MessagingModule } from '@docaxis/messaging/messaging.module';
import type { MessagingModuleOptions } from '@docaxis/messaging/messaging-options';
import { HealthModule } from '@docaxis/observability/health/health.module';
import { LoggingModule } from '@docaxis/observability/logging.module';
import { MetricsModule } from '@docaxis/observability/metrics/metrics.module';
import { PersistenceModule } from '@docaxis/persistence/persistence.module';
import { DataSource } from 'typeorm';
import { webhookSecretProviders } from '@docaxis/webhooks/secrets/webhook-secret.providers';
import { WebhookSubscribers } from '@docaxis/persistence/webhook/webhook-subscribers';
import { NOTIFIER_CONFIG, type NotifierConfig } from './config/notifier.config';
import { InboxEventsConsumer } from './inbox-events/inbox-events.consumer';
import { RecordWebhookNotificationsUseCase } from './inbox-events/record-webhook-notifications.usecase';
import { WebhookSubscribersLifecycle } from './inbox-events/webhook-subscribers.lifecycle';
import { WebhookHttpClient } from './sending/webhook-http-client';
import { WebhookSender } from './sending/webhook-sender.service';
import { WebhookChangeRecorder } from '@docaxis/webhooks/audit/webhook-change-recorder';

function notifierMessagingOptions(config: NotifierConfig): MessagingModuleOptions {
  const options = messagingOptionsFromEnv(config, 'docaxis-notifier');
  return { ...options, relay: { ...(options.relay || {}), pollsWhenIdle: false } };
}

/** Tells agencies' webhooks about every event in their inbox: signed, retried, never lost. */
@Module({})
export class NotifierModule {
  static forRoot(config: NotifierConfig): DynamicModule {
    return {
      module: NotifierModule,
      imports: [
        LoggingModule.forRoot({
          appName: 'notifier',
          level: config.LOG_LEVEL,
          pretty: config.LOG_PRETTY,
          file: config.LOG_FILE,
        }),
        PersistenceModule.forRoot({
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
          applicationName: 'docaxis-notifier',
        }),
        // The notifier writes an outbox row only when it stops a webhook (its webhook.changed
        // audit event): its relay claims when nudged then, never on a timer (5 idle claims a
        // second for nothing otherwise).
        MessagingModule.forRoot(notifierMessagingOptions(config)),
        HealthModule.forRoot({}),
        MetricsModule.forRoot({ appName: 'notifier', databaseBacklog: true }),
      ],
      providers: [
        { provide: NOTIFIER_CONFIG, useValue: config },
        ...webhookSecretProviders(config),
        WebhookHttpClient,
        WebhookChangeRecorder,
        WebhookSender,
        {
          provide: WebhookSubscribers,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            new WebhookSubscribers(dataSource, { url: config.DATABASE_URL }),
        },
        WebhookSubscribersLifecycle,
        RecordWebhookNotificationsUseCase,
        InboxEventsConsumer,
      ],
    };
  }
}
