import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';

export type AgencyStatus = 'active' | 'suspended';

/** An agency (cơ quan, tổ chức) in the directory, identified by its agency code (mã định danh). */
@Entity({ name: 'agencies' })
@Check('ck_agencies_status', "status IN ('active', 'suspended')")
@Check('ck_agencies_code_shape', "code ~ '^[A-Z0-9]+([.][A-Z0-9]+)*[.][A-Z][0-9]{2}$'")
@Check(
  'ck_agencies_parent_code_shape',
  "parent_code IS NULL OR parent_code ~ '^[A-Z0-9]+([.][A-Z0-9]+)*[.][A-Z][0-9]{2}$'",
)
export class AgencyEntity {
  @PrimaryColumn({ type: 'varchar', length: 35 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'parent_code', type: 'varchar', length: 35, nullable: true })
  parentCode!: string | null;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code' })
  parent?: AgencyEntity;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: AgencyStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
