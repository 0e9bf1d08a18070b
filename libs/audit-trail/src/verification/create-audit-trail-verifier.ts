import { AuditCheckpointRepository } from '@docaxis/persistence/audit/audit-checkpoint.repository';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import type { DataSource } from 'typeorm';
import { AuditChainVerifier } from '../chain/audit-chain-verifier';
import { CheckpointSignatureVerifier } from '../checkpoints/checkpoint-signature-verifier';
import type { TsaCertificateTrust } from '../checkpoints/tsa-certificate-trust';
import { AuditTrailVerifier } from './audit-trail-verifier';

/**
 * The trail verifier over a database, trusting checkpoints signed by `axisCertPem` only, and
 * checkpoint timestamps by the TSAs of `tsaTrust` (none given: their TSA chain is not checked).
 */
export function createAuditTrailVerifier(
  dataSource: DataSource,
  axisCertPem: string,
  options: { pageSize?: number; tsaTrust?: TsaCertificateTrust } = {},
): AuditTrailVerifier {
  const { pageSize, tsaTrust } = options;
  const records = new AuditRecordRepository(dataSource);
  return new AuditTrailVerifier(
    new AuditChainVerifier(records, { pageSize }),
    new AuditCheckpointRepository(dataSource),
    records,
    new CheckpointSignatureVerifier(axisCertPem),
    tsaTrust,
  );
}
