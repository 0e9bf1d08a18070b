import type { INestApplication } from '@nestjs/common';
import { startWorkerApp } from '@docaxis/observability/worker-app';
import type { NotifierConfig } from './config/notifier.config';
import { NotifierModule } from './notifier.module';

/** The notifier as production runs it: consuming, sending, health and metrics on NOTIFIER_HTTP_PORT. */
export function createNotifierApp(config: NotifierConfig): Promise<INestApplication> {
  return startWorkerApp(NotifierModule.forRoot(config), {
    port: config.NOTIFIER_HTTP_PORT,
    host: config.MANAGEMENT_HOST,
  });
}
