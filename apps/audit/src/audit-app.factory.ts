import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AuditModule } from './audit.module';
import type { AuditConfig } from './config/audit.config';

/** The audit app as production runs it; `init()` starts consuming. */
export async function createAuditApp(config: AuditConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AuditModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
}
