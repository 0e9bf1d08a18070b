import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Idempotent-consumer record: inserted in the same transaction as a handler's work, so a
 * redelivered message (same id, same consumer) is recognised and acknowledged without effect.
 */
@Entity({ name: 'processed_messages' })
@Index('ix_processed_messages_processed_at', ['processedAt'])
export class ProcessedMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  consumer!: string;

  @PrimaryColumn({ name: 'message_id', type: 'varchar', length: 64 })
  messageId!: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt!: Date;
}
