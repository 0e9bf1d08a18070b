import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';

export interface WorkerHttpSettings {
  /** Port of the small operations HTTP server (health, metrics); 0 picks a free one. */
  port: number;
  host: string;
}

/**
 * Starts a message-consuming app (router, verifier, audit) the way production runs it: its
 * consumers start with the app, and a small HTTP server answers /health/* and /metrics for
 * orchestrators and Prometheus. It has no API routes.
 */
export async function startWorkerApp(
  module: DynamicModule,
  http: WorkerHttpSettings,
): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(http.port, http.host);
  return app;
}
