import { type DynamicModule, Module } from '@nestjs/common';
import { messagingOptionsFromEnv } from '@docaxis/messaging/messaging-env';
import { MessagingModule } from '@docaxis/messaging/messaging.module';
import { HealthModule } from '@docaxis/observability/health/health.module';
import { LoggingModule } from '@docaxis/observability/logging.module';
import { MetricsModule } from '@docaxis/observability/metrics/metrics.module';
import { PersistenceModule } from '@docaxis/persistence/persistence.module';
import type { GatewayConfig } from './config/gateway.config';
import { DirectoryModule } from './directory/directory.module';
import { AuditModule } from './audit/audit.module';
import { BlockedStatusNoticesModule } from './blocked-status-notices/blocked-status-notices.module';
import { DispatchesModule } from './dispatches/dispatches.module';
import { GatewayCoreModule } from './gateway-core.module';
import { InboxModule } from './inbox/inbox.module';
import { ParkedMessagesModule } from './parked-messages/parked-messages.module';
import { MeModule } from './me/me.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RecallModule } from './recall/recall.module';
import { SentModule } from './sent/sent.module';
import { StatusNoticesModule } from './status-notices/status-notices.module';
import { TrailModule } from './trail/trail.module';
import { VerificationModule } from './verification/verification.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** The HTTP API agencies' document systems talk to (mutual TLS). */
@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        LoggingModule.forRoot({
          appName: 'gateway',
          level: config.LOG_LEVEL,
          pretty: config.LOG_PRETTY,
          file: config.LOG_FILE,
        }),
        PersistenceModule.forRoot({
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
          applicationName: 'docaxis-gateway',
        }),
        MessagingModule.forRoot(messagingOptionsFromEnv(config, 'docaxis-gateway')),
        HealthModule.forRoot({ blobDir: config.BLOB_DIR, crlDir: config.CRL_DIR }),
        MetricsModule.forRoot({ appName: 'gateway', databaseBacklog: true }),
        GatewayCoreModule.forRoot(config),
        RateLimitModule.forRoot(config),
        DispatchesModule,
        InboxModule,
        WebhooksModule.forRoot(config),
        StatusNoticesModule,
        RecallModule,
        SentModule,
        TrailModule,
        AuditModule,
        VerificationModule,
        DirectoryModule,
        ParkedMessagesModule,
        BlockedStatusNoticesModule,
        MeModule,
      ],
    };
  }
}
