import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One link of the tamper-evident audit chain. `hash` covers the record's fields and the previous
 * record's hash; the database refuses UPDATE, DELETE and TRUNCATE on this table (trigger).
 */
@Entity({ name: 'audit_records' })
@Index('ix_audit_records_dispatch', ['dispatchId', 'seq'])
@Index('ix_audit_records_sender_seq', ['senderCode', 'seq'])
@Index('ix_audit_records_recipient_seq', ['recipientCode', 'seq'])
@Index('ix_audit_records_type_seq', ['eventType', 'seq'])
@Index('ix_audit_records_recorded_at', ['recordedAt'])
export class AuditRecordEntity {
  /** Gap-free, totally ordered position in the chain (1, 2, 3, ...). */
  @PrimaryColumn({
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  seq!: number;

  /** The id of the event (AMQP messageId): a redelivered event is recorded once. */
  @Column({ name: 'event_id', type: 'varchar', length: 64, unique: true })
  eventId!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'dispatch_id', type: 'uuid', nullable: true })
  dispatchId!: string | null;

  @Column({ name: 'sender_code', type: 'varchar', length: 35, nullable: true })
  senderCode!: string | null;

  @Column({ name: 'recipient_code', type: 'varchar', length: 35, nullable: true })
  recipientCode!: string | null;

  /** Who caused the event: a certificate subject, or an app name for the axis' own steps. */
  @Column({ type: 'text', nullable: true })
  actor!: string | null;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'payload_digest', type: 'char', length: 64 })
  payloadDigest!: string;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
