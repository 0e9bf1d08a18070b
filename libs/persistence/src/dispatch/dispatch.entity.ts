import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ReceivedTraceEntry } from '@docaxis/edxml/packet/received-trace';
import { AgencyEntity } from '../agency/agency.entity';
import type { DispatchFileEntity } from './dispatch-file.entity';
import type { DispatchRecipientEntity } from './dispatch-recipient.entity';
import type { DispatchState } from './dispatch-state';
import type { StaffInfo } from './staff-info';

/** One sending (văn bản điện tử đi) of a document to one or more recipients. */
@Entity({ name: 'dispatches' })
@Check(
  'ck_dispatches_state',
  "state IN ('accepted', 'verified', 'rejected', 'routed', 'withdrawn')",
)
// The verdict writes the state with its time and, for a rejection, its code: the partial indexes
// below read those columns instead of `state`, so that the router's state change is a HOT update
// (migration DispatchIndexesWithoutState).
@Check('ck_dispatches_rejection_code', "(state = 'rejected') = (rejection_code IS NOT NULL)")
@Check('ck_dispatches_verified_at', "(state = 'accepted') = (verified_at IS NULL)")
// A replayed request with the same idempotency key returns the original dispatch.
@Index('uq_dispatches_idempotency', ['senderCode', 'idempotencyKey'], {
  unique: true,
  where: 'idempotency_key IS NOT NULL',
})
// Number and notation are unique per agency per year (NĐ 30/2020); a rejected dispatch frees them.
@Index('uq_dispatches_number', ['senderCode', 'promulgationYear', 'codeNumber', 'codeNotation'], {
  unique: true,
  where: 'rejection_code IS NULL AND business_type = 0',
})
@Index('ix_dispatches_sender_created', ['senderCode', 'createdAt'])
// Auditors search the trail by number and notation.
@Index('ix_dispatches_code', ['codeNumber', 'codeNotation'])
@Index('ix_dispatches_replaces', ['replacesDispatchId'])
// The gateway's admission control counts dispatches awaiting verification per sender
// (index-only scan).
@Index('ix_dispatches_awaiting_verification', ['senderCode'], { where: 'verified_at IS NULL' })
export class DispatchEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'sender_code', type: 'varchar', length: 35 })
  senderCode!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sender_code' })
  sender?: AgencyEntity;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 128, nullable: true })
  idempotencyKey!: string | null;

  /** SHA-256 over the envelope and file digests: a reused key with other content is a conflict. */
  @Column({ name: 'request_digest', type: 'char', length: 64 })
  requestDigest!: string;

  @Column({ name: 'document_id', type: 'text' })
  documentId!: string;

  @Column({ name: 'code_number', type: 'varchar', length: 32 })
  codeNumber!: string;

  @Column({ name: 'code_notation', type: 'varchar', length: 128 })
  codeNotation!: string;

  @Column({ name: 'promulgation_year', type: 'smallint' })
  promulgationYear!: number;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'varchar', length: 16 })
  urgency!: string;

  /** Delivery priority derived from urgency: higher goes first. */
  @Column({ type: 'smallint', default: 0 })
  priority!: number;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  /** The validated envelope as JSON (DispatchEnvelope of libs/edxml). */
  @Column({ type: 'jsonb' })
  envelope!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16 })
  state!: DispatchState;

  @Column({ name: 'business_type', type: 'smallint', default: 0 })
  businessType!: number;

  @Column({ name: 'rejection_code', type: 'varchar', length: 64, nullable: true })
  rejectionCode!: string | null;

  /** Why the verifier refused it, in English. */
  @Column({ name: 'rejection_message', type: 'text', nullable: true })
  rejectionMessage!: string | null;

  /** The same in Vietnamese; null for dispatches rejected before it was recorded (English only). */
  @Column({ name: 'rejection_message_vi', type: 'text', nullable: true })
  rejectionMessageVi!: string | null;

  /** The earlier dispatch of the same sender this one replaces (an update; business type 3). */
  @Column({ name: 'replaces_dispatch_id', type: 'uuid', nullable: true })
  replacesDispatchId!: string | null;

  @ManyToOne(() => DispatchEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'replaces_dispatch_id',
    foreignKeyConstraintName: 'fk_dispatches_replaces',
  })
  replaces?: DispatchEntity;

  /** When the sender recalled it (thu hồi), and why. */
  @Column({ name: 'recalled_at', type: 'timestamptz', nullable: true })
  recalledAt!: Date | null;

  @Column({ name: 'recall_reason', type: 'text', nullable: true })
  recallReason!: string | null;

  @Column({ name: 'correlation_id', type: 'varchar', length: 64 })
  correlationId!: string;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;

  /** The edXML packet's XML signature report, for a dispatch submitted as edXML; null otherwise. */
  @Column({ name: 'envelope_signature', type: 'jsonb', nullable: true })
  envelopeSignature!: Record<string, unknown> | null;

  /**
   * The TraceHeaders of the edXML packet it came in (`ReceivedTraceEntry` of libs/edxml: OrganId,
   * ISO instant), served back before the axis' own entry; null for JSON or a packet without one.
   */
  @Column({ name: 'incoming_trace', type: 'jsonb', nullable: true })
  incomingTrace!: ReceivedTraceEntry[] | null;

  /** The sender's clerk as its edXML packet named it (`Bussiness/StaffInfo`); null otherwise. */
  @Column({ name: 'sender_staff', type: 'jsonb', nullable: true })
  senderStaff!: StaffInfo | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany('DispatchFileEntity', (file: DispatchFileEntity) => file.dispatch)
  files?: DispatchFileEntity[];

  @OneToMany('DispatchRecipientEntity', (recipient: DispatchRecipientEntity) => recipient.dispatch)
  recipients?: DispatchRecipientEntity[];
}
