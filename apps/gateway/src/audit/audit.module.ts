import { readFileSync } from 'node:fs';
import { Module } from '@nestjs/common';
import { AuditChainVerifier } from '@docaxis/audit-trail/chain/audit-chain-verifier';
import { CheckpointSignatureVerifier } from '@docaxis/audit-trail/checkpoints/checkpoint-signature-verifier';
import { AuditTrailVerifier } from '@docaxis/audit-trail/verification/audit-trail-verifier';
import { AuditCheckpointRepository } from '@docaxis/persistence/audit/audit-checkpoint.repository';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { AuditController } from './audit.controller';
import { AuditTrailReaderService } from './audit-trail-reader.service';

/** Auditors' routes under /api/v1/audit. */
@Module({
  controllers: [AuditController],
  providers: [
    AuditTrailReaderService,
    {
      provide: AuditTrailVerifier,
      inject: [GATEWAY_CONFIG, AuditRecordRepository, AuditCheckpointRepository],
      useFactory: (
        config: GatewayConfig,
        records: AuditRecordRepository,
        checkpoints: AuditCheckpointRepository,
      ) =>
        new AuditTrailVerifier(
          new AuditChainVerifier(records),
          checkpoints,
          records,
          new CheckpointSignatureVerifier(readFileSync(config.AXIS_SIGNING_CERT_FILE, 'utf8')),
        ),
    },
  ],
})
export class AuditModule {}
