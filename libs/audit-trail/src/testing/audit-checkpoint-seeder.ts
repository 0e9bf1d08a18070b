import type { DataSource } from 'typeorm';
import { AuditCheckpointRepository } from '@docaxis/persistence/audit/audit-checkpoint.repository';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import { CheckpointSigner } from '../checkpoints/checkpoint-signer';
import { checkpointStatementBytes } from '../checkpoints/checkpoint-statement';

/** The TEST PKI's axis certificate, as the specs hold it. */
export interface CheckpointSigningIdentity {
  certPem: string;
  keyPem: string;
  subject: string;
}

/** Stores a checkpoint over the record at `headSeq` as the audit app signs one, untimestamped. */
export async function seedSignedCheckpoint(
  dataSource: DataSource,
  headSeq: number,
  createdAt: Date,
  axis: CheckpointSigningIdentity,
): Promise<void> {
  const [head] = await new AuditRecordRepository(dataSource).pageFrom(headSeq, 1);
  const statement = { headSeq, headHash: head.hash, createdAt };
  await new AuditCheckpointRepository(dataSource).insert({
    ...statement,
    signedData: new CheckpointSigner(axis.certPem, axis.keyPem).sign(
      checkpointStatementBytes(statement),
      createdAt,
    ),
    signerSubject: axis.subject,
    timestampToken: null,
    tsaUrl: null,
  });
}
