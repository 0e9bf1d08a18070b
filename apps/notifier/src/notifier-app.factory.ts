import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { NotifierConfig } from './config/notifier.config';
import { NotifierModule } from './notifier.module';

export async function createNotifierApp(config: NotifierConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(NotifierModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
}
