import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WebhookNotificationEntity } from './webhook-notification.entity';

/** One POST of a notification to its webhook, whatever came of it: what the agency sees. */
@Entity({ name: 'webhook_delivery_attempts' })
@Index('uq_webhook_delivery_attempts_number', ['notificationId', 'attempt'], { unique: true })
export class WebhookDeliveryAttemptEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId!: string;

  @ManyToOne(() => WebhookNotificationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id' })
  notification?: WebhookNotificationEntity;

  /** 1 for the first POST. */
  @Column({ type: 'int' })
  attempt!: number;

  @Column({ name: 'attempted_at', type: 'timestamptz' })
  attemptedAt!: Date;

  /** HTTP status of the answer; null when none came (refused, timed out, TLS failure). */
  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'duration_ms', type: 'int' })
  durationMs!: number;
}
