import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { RouterConfig } from './config/router.config';
import { RouterModule } from './router.module';

export async function createRouterApp(config: RouterConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(RouterModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
}
