import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ReceivedTraceEntry } from '@docaxis/edxml/packet/received-trace';
import { AgencyEntity } from '../agency/agency.entity';
import { NULLABLE_BIGINT_AS_NUMBER } from '../database/nullable-bigint-transformer';
import { DispatchEntity } from '../dispatch/dispatch.entity';
import type { StaffInfo } from '../dispatch/staff-info';

export type { StaffInfo } from '../dispatch/staff-info';

/**
 * One status notice (trạng thái xử lý) about one recipient's copy of a dispatch: a recipient's
 * processing status (01–06), its answer to a recall (15/16), or the sender's recall request (13).
 * It travels to the addressee's inbox; `delivery_seq` is its position there, set by the router.
 * The axis' own transport states live on `dispatch_recipients`, never here.
 */
@Entity({ name: 'status_notices' })
// A repeated notice (same author, same notice id) is the same notice: idempotency.
@Index('uq_status_notices_notice_id', ['authorCode', 'noticeId'], { unique: true })
@Index('ix_status_notices_dispatch', ['dispatchId', 'recordedAt'])
@Index('ix_status_notices_inbox', ['addresseeCode', 'deliverySeq'])
// Notices not in an inbox yet (waiting, or on their way): the waiting-notices gauge.
@Index('ix_status_notices_undelivered', ['addresseeCode'], {
  where: 'delivery_seq IS NULL AND skipped_at IS NULL',
})
export class StatusNoticeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'dispatch_id', type: 'uuid' })
  dispatchId!: string;

  @ManyToOne(() => DispatchEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dispatch_id', foreignKeyConstraintName: 'fk_status_notices_dispatch' })
  dispatch?: DispatchEntity;

  /** The recipient whose copy of the dispatch this notice is about. */
  @Column({ name: 'recipient_code', type: 'varchar', length: 35 })
  recipientCode!: string;

  /** Who sent the notice: the recipient (01–06, 15, 16) or the dispatch's sender (13). */
  @Column({ name: 'author_code', type: 'varchar', length: 35 })
  authorCode!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_code', foreignKeyConstraintName: 'fk_status_notices_author' })
  author?: AgencyEntity;

  /** Whose inbox it goes to: the other party. */
  @Column({ name: 'addressee_code', type: 'varchar', length: 35 })
  addresseeCode!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'addressee_code', foreignKeyConstraintName: 'fk_status_notices_addressee' })
  addressee?: AgencyEntity;

  /** The author's own id for the notice; a repeat with the same id returns this row. */
  @Column({ name: 'notice_id', type: 'varchar', length: 128 })
  noticeId!: string;

  /** Status code as docaxis writes it (`14` is stored as `15`). */
  @Column({ name: 'status_code', type: 'varchar', length: 2 })
  statusCode!: string;

  /** edXML `Description`: required for a refusal (02) and a refused recall (16). */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  staff!: StaffInfo | null;

  /**
   * The TraceHeaders of the status packet it came in (OrganId, ISO instant), served back before
   * the axis' own entry; null when it had none.
   */
  @Column({ name: 'incoming_trace', type: 'jsonb', nullable: true })
  incomingTrace!: ReceivedTraceEntry[] | null;

  /** When the author says it happened (edXML `Timestamp`). */
  @Column({ name: 'noticed_at', type: 'timestamptz' })
  noticedAt!: Date;

  /** When the axis accepted it. */
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  /** SHA-256 of what was posted: the same notice id with other content is a conflict. */
  @Column({ name: 'request_digest', type: 'char', length: 64 })
  requestDigest!: string;

  /** Position in the addressee's inbox (shared sequence with dispatch deliveries). */
  @Column({
    name: 'delivery_seq',
    type: 'bigint',
    nullable: true,
    unique: true,
    transformer: NULLABLE_BIGINT_AS_NUMBER,
  })
  deliverySeq!: number | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  /** When its `status.noticed` message reached the router; it may still wait for an earlier one. */
  @Column({ name: 'ready_at', type: 'timestamptz', nullable: true })
  readyAt!: Date | null;

  /** When an operator discarded its parked message: never delivered, later notices released. */
  @Column({ name: 'skipped_at', type: 'timestamptz', nullable: true })
  skippedAt!: Date | null;

  /** The operator's reason for discarding it (the gap in the addressee's inbox). */
  @Column({ name: 'skip_reason', type: 'text', nullable: true })
  skipReason!: string | null;

  /**
   * Correlation id of the request that recorded it: its `status.delivered` carries it, whichever
   * message's handling delivered it (null for notices recorded before it was kept).
   */
  @Column({ name: 'correlation_id', type: 'varchar', length: 64, nullable: true })
  correlationId!: string | null;

  /**
   * For a notice posted as an edXML status packet: its XML signature report (unsigned, or signed
   * with the ETSI indication, signer and whether the signer is the author), as a dispatch's
   * `envelope_signature`. Null for a JSON notice or a recall request.
   */
  @Column({ name: 'envelope_signature', type: 'jsonb', nullable: true })
  envelopeSignature!: Record<string, unknown> | null;
}
