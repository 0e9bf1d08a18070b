import { AuditCheckpointRepository } from '@docaxis/persistence/audit/audit-checkpoint.repository';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import type { DataSource } from 'typeorm';
import { AuditChainVerifier } from '../chain/audit-chain-verifier';
import { CheckpointSignatureVerifier } from '../checkpoints/checkpoint-signature-verifier';
import { AuditTrailVerifier } from './audit-trail-verifier';

/** The trail verifier over a database, trusting checkpoints signed by `axisCertPem` only. */
export function createAuditTrailVerifier(
  dataSource: DataSource,
  axisCertPem: string,
  pageSize?: number,
): AuditTrailVerifier {
  const records = new AuditRecordRepository(dataSource);
  return new AuditTrailVerifier(
    new AuditChainVerifier(records, { pageSize }),
    new AuditCheckpointRepository(dataSource),
    records,
    new CheckpointSignatureVerifier(axisCertPem),
  );
}
