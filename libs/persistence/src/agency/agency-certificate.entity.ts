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
import { AgencyEntity } from './agency.entity';

export type AgencyCertificateStatus = 'active' | 'retired';

/**
 * A client certificate registered for an agency, with the roles it grants. Only registered,
 * active certificates of active agencies authenticate at the gateway; rotation registers the
 * new certificate beside the old one and retires the old one later.
 */
@Entity({ name: 'agency_certificates' })
@Check('ck_agency_certificates_status', "status IN ('active', 'retired')")
@Check('ck_agency_certificates_roles', 'cardinality(roles) > 0')
@Index('ix_agency_certificates_agency', ['agencyCode', 'status'])
export class AgencyCertificateEntity {
  /** SHA-256 of the certificate's DER, lower-case hex. */
  @PrimaryColumn({ name: 'sha256_fingerprint', type: 'char', length: 64 })
  sha256Fingerprint!: string;

  @Column({ name: 'agency_code', type: 'varchar', length: 35 })
  agencyCode!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_code' })
  agency?: AgencyEntity;

  /** CallerRole values (agency-system, clerk, auditor, admin). */
  @Column({ type: 'text', array: true })
  roles!: string[];

  @Column({ type: 'text' })
  subject!: string;

  /** Upper-case hex, as node's X509Certificate#serialNumber shows it. */
  @Column({ name: 'serial_number', type: 'varchar', length: 64 })
  serialNumber!: string;

  @Column({ name: 'not_before', type: 'timestamptz' })
  notBefore!: Date;

  @Column({ name: 'not_after', type: 'timestamptz' })
  notAfter!: Date;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: AgencyCertificateStatus;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}
