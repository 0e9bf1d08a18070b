import { ApiProperty } from '@nestjs/swagger';
import {
  INBOX_ROUTE,
  type ReactivatedWebhookView,
  type WebhookNotificationView,
  type WebhookView,
} from '../webhook-view';

export class WebhookRegistrationDto {
  @ApiProperty({ example: 'https://vanban.nghean.gov.vn/docaxis-hook', description: 'HTTPS only.' })
  url!: string;

  @ApiProperty({
    minLength: 32,
    maxLength: 256,
    description: 'HMAC-SHA256 key for X-Docaxis-Signature; printable ASCII, never shown again.',
  })
  secret!: string;
}

export class WebhookDto implements WebhookView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '000.00.00.H41' })
  agencyCode!: string;

  @ApiProperty({ example: 'https://vanban.nghean.gov.vn/docaxis-hook' })
  url!: string;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deactivatedAt!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['DEACTIVATED_BY_AGENCY', 'REPLACED', 'DESTINATION_NOT_PUBLIC', 'FAILING_PERSISTENTLY'],
    description:
      'Why it is inactive. DESTINATION_NOT_PUBLIC: the notifier found the host resolving to a non-public address and stopped sending; fix the DNS, then `POST /webhooks/{id}/reactivate`. FAILING_PERSISTENTLY: every delivery attempt failed (non-2xx, time-out, connection, TLS, DNS) for WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS (72 h by default); fix the receiver, then reactivate. Either way, inbox events while it is inactive are not sent to it: read them from `GET /inbox`.',
  })
  deactivationCode!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Why it is inactive, in words (English).',
  })
  deactivationReason!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description:
      'The same in Vietnamese (lý do ngừng webhook); null for a webhook deactivated before it was recorded.',
  })
  deactivationReasonVi!: string | null;
}

export class WebhookCatchUpDto {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the webhook stopped (null for one deactivated before that was recorded).',
  })
  inactiveFrom!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When it was reactivated.' })
  inactiveUntil!: string;

  @ApiProperty({ enum: [INBOX_ROUTE], description: 'Where the events it was not sent are.' })
  inbox!: typeof INBOX_ROUTE;

  @ApiProperty({ description: 'What to do, in Vietnamese.' })
  message!: string;

  @ApiProperty({ description: 'The same in English.' })
  messageEn!: string;
}

export class ReactivatedWebhookDto extends WebhookDto implements ReactivatedWebhookView {
  @ApiProperty({
    type: WebhookCatchUpDto,
    nullable: true,
    description:
      'Inbox events while the webhook was inactive were not queued for it: read them from `GET /inbox`, from the last cursor processed. Null when it was active already.',
  })
  catchUp!: WebhookCatchUpDto | null;
}

export class WebhookDeliveryAttemptDto {
  @ApiProperty({ description: '1 for the first POST.' })
  attempt!: number;

  @ApiProperty({ format: 'date-time' })
  attemptedAt!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'Null when no answer came.' })
  statusCode!: number | null;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;

  @ApiProperty()
  durationMs!: number;
}

export class WebhookNotificationDto implements WebhookNotificationView {
  @ApiProperty({ format: 'uuid', description: 'X-Docaxis-Notification-Id: deduplicate on it.' })
  id!: string;

  @ApiProperty({ example: 'dispatch.delivered' })
  eventType!: string;

  @ApiProperty({ enum: ['pending', 'delivered'] })
  state!: string;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deliveredAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: [WebhookDeliveryAttemptDto] })
  deliveryAttempts!: WebhookDeliveryAttemptDto[];
}
