import { type DynamicModule, Module } from '@nestjs/common';
import { messagingOptionsFromEnv } from '@docaxis/messaging/messaging-env';
import { MessagingModule } from '@docaxis/messaging/messaging.module';
import { HealthModule } from '@docaxis/observability/health/health.module';
import { LoggingModule } from '@docaxis/observability/logging.module';
import { MetricsModule } from '@docaxis/observability/metrics/metrics.module';
import { PersistenceModule } from '@docaxis/persistence/persistence.module';
import type { AuditConfig } from './config/audit.config';
import { AuditCheckpointModule } from './checkpoints/audit-checkpoint.module';
import { AuditRecordingModule } from './recording/audit-recording.module';

/** Records every event of the axis in the hash-chained audit trail. */
@Module({})
export class AuditModule {
  static forRoot(config: AuditConfig): DynamicModule {
    return {
      module: AuditModule,
      imports: [
        LoggingModule.forRoot({
          appName: 'audit',
          level: config.LOG_LEVEL,
          pretty: config.LOG_PRETTY,
          file: config.LOG_FILE,
        }),
        PersistenceModule.forRoot({
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
          applicationName: 'docaxis-audit',
          role: config.AUDIT_DATABASE_ROLE || undefined,
        }),
        // The audit app writes no outbox rows: no relay polling.
        MessagingModule.forRoot({
          ...messagingOptionsFromEnv(config, 'docaxis-audit'),
          relay: false,
        }),
        HealthModule.forRoot({}),
        MetricsModule.forRoot({ appName: 'audit', databaseBacklog: false }),
        AuditRecordingModule.forRoot({
          batchMaxEvents: config.AUDIT_BATCH_MAX_EVENTS,
          batchMaxWaitMs: config.AUDIT_BATCH_MAX_WAIT_MS,
          prefetch: config.AUDIT_PREFETCH,
          verifyPageSize: config.AUDIT_VERIFY_PAGE_SIZE,
        }),
        AuditCheckpointModule.forRoot({
          certFile: config.AXIS_SIGNING_CERT_FILE,
          keyFile: config.AXIS_SIGNING_KEY_FILE,
          everyRecords: config.AUDIT_CHECKPOINT_EVERY_RECORDS,
          everyMs: config.AUDIT_CHECKPOINT_EVERY_MS,
          pollMs: config.AUDIT_CHECKPOINT_POLL_MS,
          tsaUrl: config.AUDIT_TSA_URL || undefined,
          tsaTrustFile: config.AUDIT_TSA_TRUST_FILE,
          tsaCrlDir: config.AUDIT_TSA_CRL_DIR,
        }),
      ],
    };
  }
}
