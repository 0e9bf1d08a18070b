import type { INestApplication } from '@nestjs/common';
import { startWorkerApp } from '@docaxis/observability/worker-app';
import type { RouterConfig } from './config/router.config';
import { RouterModule } from './router.module';

/** The router as production runs it: consumers started, health and metrics on ROUTER_HTTP_PORT. */
export function createRouterApp(config: RouterConfig): Promise<INestApplication> {
  return startWorkerApp(RouterModule.forRoot(config), {
    port: config.ROUTER_HTTP_PORT,
    host: config.MANAGEMENT_HOST,
  });
}
