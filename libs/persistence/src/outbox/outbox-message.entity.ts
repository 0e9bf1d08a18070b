import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Logical destinations; the messaging lib maps them to prefixed exchange names. `queue` sends
 * straight to one broker queue named by the routing key (a redriven parked message goes back
 * only to the consumer it failed on).
 */
export type OutboxDestination = 'events' | 'delivery' | 'queue';

/**
 * A message waiting to be published, written in the same transaction as the state change it
 * announces (transactional outbox). The relay publishes it with confirms, then deletes it.
 */
@Entity({ name: 'outbox_messages' })
@Index('ix_outbox_messages_pending', ['availableAt'])
export class OutboxMessageEntity {
  /** Also the AMQP messageId: consumers deduplicate on it. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  destination!: OutboxDestination;

  /** AMQP messageId when it must differ from `id` (a redrive keeps the original id). */
  @Column({ name: 'message_id', type: 'varchar', length: 255, nullable: true })
  messageId!: string | null;

  @Column({ name: 'routing_key', type: 'varchar', length: 255 })
  routingKey!: string;

  /** AMQP `type` property: the message contract name, e.g. `dispatch.submitted`. */
  @Column({ name: 'message_type', type: 'varchar', length: 100 })
  messageType!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  headers!: Record<string, string>;

  @Column({ type: 'smallint', default: 0 })
  priority!: number;

  @Column({ name: 'correlation_id', type: 'varchar', length: 64, nullable: true })
  correlationId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Not published before this time; the relay pushes it forward while a publish is in flight. */
  @Column({ name: 'available_at', type: 'timestamptz', default: () => 'now()' })
  availableAt!: Date;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
