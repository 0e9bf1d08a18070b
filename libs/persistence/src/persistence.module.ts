import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgencyCertificateRepository } from './agency/agency-certificate.repository';
import { AgencyRepository } from './agency/agency.repository';
import { AuditCheckpointRepository } from './audit/audit-checkpoint.repository';
import { AuditSearchRepository } from './audit/audit-search.repository';
import { AuditRecordRepository } from './audit/audit-record.repository';
import { dataSourceOptions, type DatabaseConnectionSettings } from './database/data-source-options';
import { DispatchRepository } from './dispatch/dispatch.repository';
import { DispatchRecallRepository } from './dispatch/dispatch-recall.repository';
import { DispatchVerificationRepository } from './dispatch/dispatch-verification.repository';
import { DispatchViewRepository } from './dispatch/dispatch-view.repository';
import { VerificationBacklogRepository } from './dispatch/verification-backlog.repository';
import { InboxDeliveryAnnouncer } from './inbox/inbox-delivery-announcer';
import { InboxRepository } from './inbox/inbox.repository';
import { ParkedMessageRepository } from './parked-message/parked-message.repository';
import { RateLimitCounterRepository } from './rate-limit/rate-limit-counter.repository';
import { WebhookNotificationRepository } from './webhook/webhook-notification.repository';
import { WebhookRepository } from './webhook/webhook.repository';
import { StatusNoticeRepository } from './status-notice/status-notice.repository';

const REPOSITORIES = [
  AgencyRepository,
  AgencyCertificateRepository,
  DispatchRepository,
  DispatchRecallRepository,
  DispatchVerificationRepository,
  DispatchViewRepository,
  VerificationBacklogRepository,
  AuditRecordRepository,
  AuditCheckpointRepository,
  AuditSearchRepository,
  ParkedMessageRepository,
  WebhookRepository,
  WebhookNotificationRepository,
  StatusNoticeRepository,
  InboxRepository,
  InboxDeliveryAnnouncer,
  RateLimitCounterRepository,
];

/** The database connection and the repositories, for any app. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(settings: DatabaseConnectionSettings): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(settings))],
      providers: REPOSITORIES,
      exports: REPOSITORIES,
    };
  }
}
