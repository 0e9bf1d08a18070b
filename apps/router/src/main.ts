import { prepareDatabase } from '@docaxis/persistence/database/prepare-database';
import { loadRouterConfig } from './config/router.config';
import { createRouterApp } from './router-app.factory';

async function bootstrap(): Promise<void> {
  const config = loadRouterConfig();
  if (config.DATABASE_MIGRATE_ON_START) await prepareDatabase(config.DATABASE_URL, 'router');
  await createRouterApp(config);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
