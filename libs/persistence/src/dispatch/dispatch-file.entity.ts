import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DispatchEntity } from './dispatch.entity';

/** A PDF of a dispatch. The bytes live once in the content-addressed blob store under `sha256`. */
@Entity({ name: 'dispatch_files' })
@Index('uq_dispatch_files_ordinal', ['dispatchId', 'ordinal'], { unique: true })
export class DispatchFileEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'dispatch_id', type: 'uuid' })
  dispatchId!: string;

  /** 0 is the main document (văn bản chính); the others are appendixes. */
  @Column({ type: 'smallint' })
  ordinal!: number;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  /** edXML `Description` ("Văn bản chính"), served back; null when the sender gave none. */
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType!: string;

  @Column({
    name: 'size_bytes',
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  sizeBytes!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  /** The verifier's DocumentVerificationReport for this file (null until verified). */
  @Column({ type: 'jsonb', nullable: true })
  verification!: Record<string, unknown> | null;

  @ManyToOne('DispatchEntity', (dispatch: DispatchEntity) => dispatch.files, {
    onDelete: 'CASCADE',
  })
  @JoinColumn({ name: 'dispatch_id' })
  dispatch?: DispatchEntity;
}
