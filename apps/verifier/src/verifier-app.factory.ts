import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { VerifierConfig } from './config/verifier.config';
import { VerifierModule } from './verifier.module';

export async function createVerifierApp(config: VerifierConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(VerifierModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
}
