import { AgencyCertificateEntity } from './agency/agency-certificate.entity';
import { AgencyEntity } from './agency/agency.entity';
import { AuditCheckpointEntity } from './audit/audit-checkpoint.entity';
import { AuditRecordEntity } from './audit/audit-record.entity';
import { DispatchFileEntity } from './dispatch/dispatch-file.entity';
import { DispatchRecipientEntity } from './dispatch/dispatch-recipient.entity';
import { DispatchEntity } from './dispatch/dispatch.entity';
import { OutboxMessageEntity } from './outbox/outbox-message.entity';
import { ParkedMessageEntity } from './parked-message/parked-message.entity';
import { ProcessedMessageEntity } from './processed-message/processed-message.entity';
import { WebhookDeliveryAttemptEntity } from './webhook/webhook-delivery-attempt.entity';
import { WebhookNotificationEntity } from './webhook/webhook-notification.entity';
import { WebhookEntity } from './webhook/webhook.entity';
import { StatusNoticeEntity } from './status-notice/status-notice.entity';

/** Every entity, listed by class so the same list works from TypeScript sources and from dist. */
export const ALL_ENTITIES = [
  AgencyEntity,
  AgencyCertificateEntity,
  DispatchEntity,
  DispatchFileEntity,
  DispatchRecipientEntity,
  OutboxMessageEntity,
  ProcessedMessageEntity,
  AuditRecordEntity,
  AuditCheckpointEntity,
  ParkedMessageEntity,
  WebhookEntity,
  WebhookNotificationEntity,
  WebhookDeliveryAttemptEntity,
  StatusNoticeEntity,
];
