import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgencyEntity } from '../agency/agency.entity';
import { NULLABLE_BIGINT_AS_NUMBER } from '../database/nullable-bigint-transformer';
import type { DispatchEntity } from './dispatch.entity';
import type { RecallAnswerState, RecipientState } from './dispatch-state';

/**
 * One recipient of a dispatch. Its primary key is what makes delivery exactly-once: however
 * often a delivery message is redelivered, there is one row, moved forward only.
 */
@Entity({ name: 'dispatch_recipients' })
@Check(
  'ck_dispatch_recipients_state',
  "state IN ('pending', 'queued', 'delivered', 'fetched', 'acknowledged', 'recalled')",
)
@Check(
  'ck_dispatch_recipients_recall_state',
  "recall_state IN ('requested', 'accepted', 'refused')",
)
@Index('ix_dispatch_recipients_inbox', ['recipientCode', 'deliverySeq'])
export class DispatchRecipientEntity {
  @PrimaryColumn({ name: 'dispatch_id', type: 'uuid' })
  dispatchId!: string;

  @PrimaryColumn({ name: 'recipient_code', type: 'varchar', length: 35 })
  recipientCode!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_code' })
  recipient?: AgencyEntity;

  @Column({ type: 'varchar', length: 16 })
  state!: RecipientState;

  /** Position in the recipient's inbox, assigned at delivery: the inbox cursor. */
  @Column({
    name: 'delivery_seq',
    type: 'bigint',
    nullable: true,
    unique: true,
    transformer: NULLABLE_BIGINT_AS_NUMBER,
  })
  deliverySeq!: number | null;

  /** Last status notice (trạng thái xử lý) the recipient sent, e.g. '01'. */
  @Column({ name: 'status_code', type: 'varchar', length: 2, nullable: true })
  statusCode!: string | null;

  /** When the last status notice was recorded. */
  @Column({ name: 'status_at', type: 'timestamptz', nullable: true })
  statusAt!: Date | null;

  /** Where a recall stands for a recipient that had the dispatch (fetched, or a status reported; null: no recall). */
  @Column({ name: 'recall_state', type: 'varchar', length: 16, nullable: true })
  recallState!: RecallAnswerState | null;

  /** When the sender recalled it: withdrawn from the inbox, or a recall request sent. */
  @Column({ name: 'recalled_at', type: 'timestamptz', nullable: true })
  recalledAt!: Date | null;

  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true })
  queuedAt!: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'fetched_at', type: 'timestamptz', nullable: true })
  fetchedAt!: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @ManyToOne('DispatchEntity', (dispatch: DispatchEntity) => dispatch.recipients, {
    onDelete: 'CASCADE',
  })
  @JoinColumn({ name: 'dispatch_id' })
  dispatch?: DispatchEntity;
}
