import { readFileSync } from 'node:fs';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TsaCertificateTrust } from '@docaxis/audit-trail/checkpoints/tsa-certificate-trust';
import { AuditExporter } from '@docaxis/audit-trail/export/audit-exporter';
import { AuditTrailVerifier } from '@docaxis/audit-trail/verification/audit-trail-verifier';
import { createAuditTrailVerifier } from '@docaxis/audit-trail/verification/create-audit-trail-verifier';
import { AuditSearchRepository } from '@docaxis/persistence/audit/audit-search.repository';
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
      inject: [GATEWAY_CONFIG, DataSource],
      useFactory: async (config: GatewayConfig, dataSource: DataSource) =>
        createAuditTrailVerifier(dataSource, readFileSync(config.AXIS_SIGNING_CERT_FILE, 'utf8'), {
          tsaTrust: await TsaCertificateTrust.load(config),
        }),
    },
    {
      provide: AuditExporter,
      inject: [AuditSearchRepository, AuditRecordRepository, AuditTrailVerifier],
      useFactory: (
        search: AuditSearchRepository,
        records: AuditRecordRepository,
        verifier: AuditTrailVerifier,
      ) => new AuditExporter(search, records, verifier),
    },
  ],
})
export class AuditModule {}
