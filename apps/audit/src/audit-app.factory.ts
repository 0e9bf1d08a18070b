import type { INestApplication } from '@nestjs/common';
import { startWorkerApp } from '@docaxis/observability/worker-app';
import type { AuditConfig } from './config/audit.config';
import { AuditModule } from './audit.module';

/** The audit app as production runs it: consuming, health and metrics on AUDIT_HTTP_PORT. */
export function createAuditApp(config: AuditConfig): Promise<INestApplication> {
  return startWorkerApp(AuditModule.forRoot(config), {
    port: config.AUDIT_HTTP_PORT,
    host: config.MANAGEMENT_HOST,
  });
}
