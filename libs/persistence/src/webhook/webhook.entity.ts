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
import { AgencyEntity } from '../agency/agency.entity';
import type { WebhookDeactivationCode } from './webhook-deactivation';

/**
 * A recipient's webhook: where the axis POSTs a signed notification on every event in the
 * agency's inbox. At most one is active per agency; registering again deactivates the old one,
 * which keeps its history. HMAC needs the secret itself to sign, so it is kept encrypted
 * (AES-256-GCM under a key only the apps hold), not hashed; rows from before that keep it plain
 * until an app seals them at start-up. Exactly one of the two forms is set.
 */
@Entity({ name: 'webhooks' })
@Check(
  'ck_webhooks_secret_form',
  `(secret IS NULL) = (secret_ciphertext IS NOT NULL AND secret_iv IS NOT NULL
                  AND secret_tag IS NOT NULL AND secret_key_id IS NOT NULL)`,
)
@Index('uq_webhooks_active_agency', ['agencyCode'], { unique: true, where: 'active' })
export class WebhookEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'agency_code', type: 'varchar', length: 35 })
  agencyCode!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_code' })
  agency?: AgencyEntity;

  @Column({ type: 'text' })
  url!: string;

  /** The plain secret of a row from before sealing; NULL once sealed. */
  @Column({ type: 'text', nullable: true })
  secret!: string | null;

  @Column({ name: 'secret_ciphertext', type: 'bytea', nullable: true })
  secretCiphertext!: Buffer | null;

  @Column({ name: 'secret_iv', type: 'bytea', nullable: true })
  secretIv!: Buffer | null;

  @Column({ name: 'secret_tag', type: 'bytea', nullable: true })
  secretTag!: Buffer | null;

  /** Which key sealed it (a hash of the key, not the key): rotation re-seals the others. */
  @Column({ name: 'secret_key_id', type: 'varchar', length: 16, nullable: true })
  secretKeyId!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;

  /** Why it is inactive; NULL while active (and on rows deactivated before it was recorded). */
  @Column({ name: 'deactivation_code', type: 'varchar', length: 32, nullable: true })
  deactivationCode!: WebhookDeactivationCode | null;

  /** In English (as the log writes it). */
  @Column({ name: 'deactivation_reason', type: 'text', nullable: true })
  deactivationReason!: string | null;

  /** The same in Vietnamese; NULL on rows deactivated before it was recorded. */
  @Column({ name: 'deactivation_reason_vi', type: 'text', nullable: true })
  deactivationReasonVi!: string | null;

  /**
   * Since when every delivery attempt has failed; NULL while the last one that counts succeeded
   * (and after a reactivation). Failing long enough deactivates the webhook (FAILING_PERSISTENTLY).
   */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince!: Date | null;
}
