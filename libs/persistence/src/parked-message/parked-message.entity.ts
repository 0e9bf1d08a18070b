import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ParkedMessageState = 'parked' | 'redriven' | 'discarded';

/**
 * A message that could not be processed (retries spent, or refused at once), moved off the
 * broker's parked queue into the database by its collector, so operators can list, inspect,
 * redrive or discard it. One row per parking: a message parked again after a redrive is a new
 * row. `(message_id, source_queue, parked_at)` makes collecting it idempotent.
 */
@Entity({ name: 'parked_messages' })
@Check('ck_parked_messages_state', "state IN ('parked', 'redriven', 'discarded')")
@Index('uq_parked_messages_parking', ['messageId', 'sourceQueue', 'parkedAt'], { unique: true })
@Index('ix_parked_messages_state', ['state', 'parkedAt'])
export class ParkedMessageEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** AMQP messageId: kept on redrive, so consumers still recognise what they already did. */
  @Column({ name: 'message_id', type: 'varchar', length: 255 })
  messageId!: string;

  @Column({ name: 'message_type', type: 'varchar', length: 255, nullable: true })
  messageType!: string | null;

  /** Broker queue it failed on; a redrive sends it back there. */
  @Column({ name: 'source_queue', type: 'varchar', length: 255 })
  sourceQueue!: string;

  /** Routing key it was first published with. */
  @Column({ name: 'routing_key', type: 'varchar', length: 255 })
  routingKey!: string;

  @Column({ name: 'error_code', type: 'varchar', length: 100 })
  errorCode!: string;

  @Column({ name: 'error_reason', type: 'text' })
  errorReason!: string;

  /** Deliveries or attempts before it was parked. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** AMQP headers as received from the parked queue. */
  @Column({ type: 'jsonb' })
  headers!: Record<string, unknown>;

  /** Other AMQP properties (content type, correlation id, priority, timestamp, app id). */
  @Column({ type: 'jsonb' })
  properties!: Record<string, unknown>;

  /** The body, byte for byte. */
  @Column({ type: 'bytea' })
  body!: Buffer;

  @Column({ name: 'parked_at', type: 'timestamptz' })
  parkedAt!: Date;

  @Column({ name: 'collected_at', type: 'timestamptz', default: () => 'now()' })
  collectedAt!: Date;

  @Column({ type: 'varchar', length: 16, default: 'parked' })
  state!: ParkedMessageState;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** Certificate subject of the operator who redrove or discarded it. */
  @Column({ name: 'resolved_by', type: 'varchar', length: 1024, nullable: true })
  resolvedBy!: string | null;

  /** Why it was discarded (required then). */
  @Column({ name: 'resolution_reason', type: 'text', nullable: true })
  resolutionReason!: string | null;
}
