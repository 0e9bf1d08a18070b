import type { INestApplication } from '@nestjs/common';
import { startWorkerApp } from '@docaxis/observability/worker-app';
import type { VerifierConfig } from './config/verifier.config';
import { VerifierModule } from './verifier.module';

/** The verifier as production runs it: consumers started, health and metrics on VERIFIER_HTTP_PORT. */
export function createVerifierApp(config: VerifierConfig): Promise<INestApplication> {
  return startWorkerApp(VerifierModule.forRoot(config), {
    port: config.VERIFIER_HTTP_PORT,
    host: config.MANAGEMENT_HOST,
  });
}
