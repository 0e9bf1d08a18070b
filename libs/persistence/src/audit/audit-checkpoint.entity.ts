import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A signed checkpoint of the audit chain: the head (seq, hash) at one moment, signed by the axis'
 * own certificate as CMS SignedData, optionally with an RFC 3161 timestamp token over that
 * signature. Append-only (trigger), like the chain itself.
 */
@Entity({ name: 'audit_checkpoints' })
export class AuditCheckpointEntity {
  /** The seq of the head signed; at most one checkpoint per head. */
  @PrimaryColumn({
    name: 'head_seq',
    type: 'bigint',
    primaryKeyConstraintName: 'PK_audit_checkpoints_head_seq',
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  headSeq!: number;

  @Column({ name: 'head_hash', type: 'char', length: 64 })
  headHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** DER CMS SignedData encapsulating the checkpoint statement (canonical JSON). */
  @Column({ name: 'signed_data', type: 'bytea' })
  signedData!: Buffer;

  @Column({ name: 'signer_subject', type: 'text' })
  signerSubject!: string;

  /** DER RFC 3161 TimeStampToken over the CMS signature value, when a TSA is configured. */
  @Column({ name: 'timestamp_token', type: 'bytea', nullable: true })
  timestampToken!: Buffer | null;

  @Column({ name: 'tsa_url', type: 'text', nullable: true })
  tsaUrl!: string | null;
}
