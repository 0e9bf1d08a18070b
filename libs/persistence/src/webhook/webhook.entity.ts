import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { AgencyEntity } from '../agency/agency.entity';

/**
 * A recipient's webhook: where the axis POSTs a signed notification on every event in the
 * agency's inbox. At most one is active per agency; registering again deactivates the old one,
 * which keeps its history. The secret is kept as given because HMAC needs it to sign.
 */
@Entity({ name: 'webhooks' })
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

  @Column({ type: 'text' })
  secret!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;
}
