import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { WebhookEntity } from './webhook.entity';

export type WebhookNotificationState = 'pending' | 'delivered';

/**
 * One notification owed to one webhook: written in the same transaction that consumed the inbox
 * event, and kept until the receiver answered 2xx, so a crash or an unreachable receiver never
 * loses it. `id` is what the receiver deduplicates on; `body` is the exact JSON sent every time.
 */
@Entity({ name: 'webhook_notifications' })
@Check('ck_webhook_notifications_state', "state IN ('pending', 'delivered')")
@Index('uq_webhook_notifications_source', ['webhookId', 'sourceMessageId'], { unique: true })
@Index('ix_webhook_notifications_due', ['nextAttemptAt'], { where: "state = 'pending'" })
export class WebhookNotificationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'webhook_id', type: 'uuid' })
  webhookId!: string;

  @ManyToOne(() => WebhookEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id' })
  webhook?: WebhookEntity;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType!: string;

  /** AMQP messageId of the event it notifies (one notification per event and webhook). */
  @Column({ name: 'source_message_id', type: 'varchar', length: 255 })
  sourceMessageId!: string;

  /** The JSON body, as text, so every attempt sends (and signs) the same bytes. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  state!: WebhookNotificationState;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  /** A sender that claimed it owns it until then; after a crash another sender takes it over. */
  @Column({ name: 'leased_until', type: 'timestamptz', nullable: true })
  leasedUntil!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
