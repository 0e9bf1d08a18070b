import { type DynamicModule, Module } from '@nestjs/common';
import { ALL_EVENT_TYPES } from '@docaxis/messaging/contracts/message-types';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import { AuditChainVerifier } from '@docaxis/audit-trail/chain/audit-chain-verifier';
import { AuditAppender } from './audit-appender.service';
import { AuditBatcher } from './audit-batcher';
import { AuditEventMapper } from './audit-event-mapper';
import { AuditEventsConsumer } from './audit-events.consumer';
import {
  AUDIT_RECORDING_OPTIONS,
  DEFAULT_AUDIT_RECORDING_OPTIONS,
  type AuditRecordingOptions,
} from './audit-recording.config';

/**
 * Audit recording for the audit app: consumes every event, appends it to the hash chain in
 * batches, and offers the chain verifier. Needs, from the app's root module: the TypeORM
 * `DataSource` (PersistenceModule / TypeOrmModule.forRoot) and the messaging `ConsumerHost`
 * (MessagingModule.forRoot, which also starts and stops the consumers).
 */
@Module({})
export class AuditRecordingModule {
  static forRoot(options: Partial<AuditRecordingOptions> = {}): DynamicModule {
    const settings: AuditRecordingOptions = { ...DEFAULT_AUDIT_RECORDING_OPTIONS, ...options };
    return {
      module: AuditRecordingModule,
      providers: [
        { provide: AUDIT_RECORDING_OPTIONS, useValue: settings },
        AuditRecordRepository,
        AuditAppender,
        {
          provide: AuditBatcher,
          inject: [AuditAppender],
          useFactory: (appender: AuditAppender) =>
            new AuditBatcher(appender, {
              maxEvents: settings.batchMaxEvents,
              maxWaitMs: settings.batchMaxWaitMs,
            }),
        },
        {
          provide: AuditEventMapper,
          useFactory: () => new AuditEventMapper({ knownEventTypes: new Set(ALL_EVENT_TYPES) }),
        },
        {
          provide: AuditChainVerifier,
          inject: [AuditRecordRepository],
          useFactory: (records: AuditRecordRepository) =>
            new AuditChainVerifier(records, { pageSize: settings.verifyPageSize }),
        },
        AuditEventsConsumer,
      ],
      exports: [AuditRecordRepository, AuditAppender, AuditChainVerifier],
    };
  }
}
