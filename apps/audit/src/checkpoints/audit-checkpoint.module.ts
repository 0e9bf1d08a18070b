import { readFileSync } from 'node:fs';
import { type DynamicModule, Module } from '@nestjs/common';
import { AuditChainVerifier } from '@docaxis/audit-trail/chain/audit-chain-verifier';
import { CheckpointSigner } from '@docaxis/audit-trail/checkpoints/checkpoint-signer';
import { httpTimestampTransport } from '@docaxis/audit-trail/checkpoints/checkpoint-timestamp';
import { TsaCertificateTrust } from '@docaxis/audit-trail/checkpoints/tsa-certificate-trust';
import { AuditCheckpointRepository } from '@docaxis/persistence/audit/audit-checkpoint.repository';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import type { AuditCheckpointOptions } from './audit-checkpoint.config';
import { AuditCheckpointScheduler } from './audit-checkpoint.scheduler';
import { AUDIT_CHECKPOINT_OPTIONS } from './audit-checkpoint.tokens';
import { AuditCheckpointer } from './audit-checkpointer';

export interface AuditCheckpointModuleOptions extends AuditCheckpointOptions {
  certFile: string;
  keyFile: string;
  tsaUrl?: string;
  /** PEM bundle of trusted TSAs: tokens by any other TSA are not stored. */
  tsaTrustFile?: string;
  /** CRLs of the TSAs' issuers: a token by a TSA revoked before it was made is not stored. */
  tsaCrlDir?: string;
}

/** Signs checkpoints of the chain head with the axis certificate (needs the persistence module). */
@Module({})
export class AuditCheckpointModule {
  static forRoot(options: AuditCheckpointModuleOptions): DynamicModule {
    return {
      module: AuditCheckpointModule,
      providers: [
        { provide: AUDIT_CHECKPOINT_OPTIONS, useValue: options },
        {
          provide: CheckpointSigner,
          // Read at start-up: a missing or mismatched key stops the app rather than the first checkpoint.
          useFactory: () =>
            new CheckpointSigner(
              readFileSync(options.certFile, 'utf8'),
              readFileSync(options.keyFile, 'utf8'),
            ),
        },
        {
          provide: AuditCheckpointer,
          inject: [AuditRecordRepository, AuditCheckpointRepository, CheckpointSigner],
          useFactory: async (
            records: AuditRecordRepository,
            checkpoints: AuditCheckpointRepository,
            signer: CheckpointSigner,
          ) =>
            new AuditCheckpointer(
              records,
              checkpoints,
              new AuditChainVerifier(records),
              signer,
              options,
              options.tsaUrl
                ? {
                    url: options.tsaUrl,
                    transport: httpTimestampTransport(options.tsaUrl),
                    trust: await TsaCertificateTrust.load({
                      AUDIT_TSA_TRUST_FILE: options.tsaTrustFile,
                      AUDIT_TSA_CRL_DIR: options.tsaCrlDir,
                    }),
                  }
                : undefined,
            ),
        },
        AuditCheckpointScheduler,
      ],
      exports: [AuditCheckpointer],
    };
  }
}
