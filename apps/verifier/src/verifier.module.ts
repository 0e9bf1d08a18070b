import { type DynamicModule, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { BlobStore } from '@docaxis/blob-store/blob-store';
import { FilesystemBlobStore } from '@docaxis/blob-store/filesystem-blob-store';
import { messagingOptionsFromEnv } from '@docaxis/messaging/messaging-env';
import { MessagingModule } from '@docaxis/messaging/messaging.module';
import { HealthModule } from '@docaxis/observability/health/health.module';
import { LoggingModule } from '@docaxis/observability/logging.module';
import { MetricsModule } from '@docaxis/observability/metrics/metrics.module';
import { PersistenceModule } from '@docaxis/persistence/persistence.module';
import {
  createPdfSignatureVerifier,
  type PdfSignatureVerifierConfig,
} from '@docaxis/signature/verification/pdf-signature-verifier';
import { PdfVerifier } from '@docaxis/signature/verification/pdf-verifier';
import { PdfVerificationWorkerPool } from '@docaxis/signature/verification/worker-pool/pdf-verification-worker-pool';
import type { VerifierConfig } from './config/verifier.config';
import { RevocationRetryPolicy } from './verification/revocation-retry-policy';
import { VerificationConsumer } from './verification/verification.consumer';
import { VERIFIER_CONFIG } from './verification/verifier-config.token';
import { VerifyDispatchUseCase } from './verification/verify-dispatch.usecase';

/** Verifies every signature of every submitted dispatch against the dedicated CA. */
@Module({})
export class VerifierModule implements OnApplicationShutdown {
  constructor(private readonly verifier: PdfVerifier) {}

  /**
   * Ends the verification worker threads with the app, once messaging has stopped (its consumers
   * wait for running verifications before this hook). Idle workers do not keep a process alive,
   * but an app closed inside a longer-lived one (an in-process e2e run) otherwise left them running.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.verifier.close?.();
  }

  static forRoot(config: VerifierConfig): DynamicModule {
    return {
      module: VerifierModule,
      imports: [
        LoggingModule.forRoot({
          appName: 'verifier',
          level: config.LOG_LEVEL,
          pretty: config.LOG_PRETTY,
          file: config.LOG_FILE,
        }),
        PersistenceModule.forRoot({
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
          applicationName: 'docaxis-verifier',
        }),
        MessagingModule.forRoot({
          ...messagingOptionsFromEnv(config, 'docaxis-verifier'),
        }),
        HealthModule.forRoot({ blobDir: config.BLOB_DIR, crlDir: config.CRL_DIR }),
        MetricsModule.forRoot({ appName: 'verifier', databaseBacklog: true }),
      ],
      providers: [
        { provide: VERIFIER_CONFIG, useValue: config },
        {
          provide: BlobStore,
          // Each PDF read goes straight to verification: cheaper in CPU read synchronously.
          useValue: new FilesystemBlobStore(config.BLOB_DIR, { synchronous: true }),
        },
        {
          provide: PdfVerifier,
          useFactory: () => {
            const verifierConfig: PdfSignatureVerifierConfig = {
              trustAnchorsDir: config.TRUST_ANCHORS_DIR,
              intermediatesDir: config.TRUST_INTERMEDIATES_DIR,
              crlDir: config.CRL_DIR,
              onlineRevocation: config.REVOCATION_ONLINE,
              profile: {
                agencyCodeAttributeOid: config.AGENCY_CODE_SUBJECT_OID,
                organizationPolicyOids: config.ORGANIZATION_CERTIFICATE_POLICY_OIDS,
                personPolicyOids: config.PERSON_CERTIFICATE_POLICY_OIDS,
              },
            };
            new Logger(VerifierModule.name).log(
              config.VERIFIER_WORKERS > 0
                ? `Verifying PDFs on ${config.VERIFIER_WORKERS} worker thread(s)`
                : 'Verifying PDFs on the main thread (VERIFIER_WORKERS=0)',
            );
            return config.VERIFIER_WORKERS > 0
              ? PdfVerificationWorkerPool.start(verifierConfig, config.VERIFIER_WORKERS)
              : createPdfSignatureVerifier(verifierConfig);
          },
        },
        {
          provide: RevocationRetryPolicy,
          useValue: new RevocationRetryPolicy(config.VERIFIER_REVOCATION_RETRY_WINDOW_MS),
        },
        VerifyDispatchUseCase,
        VerificationConsumer,
      ],
    };
  }
}
