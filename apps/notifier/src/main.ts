import { prepareDatabase } from '@docaxis/persistence/database/prepare-database';
import { loadNotifierConfig } from './config/notifier.config';
import { createNotifierApp } from './notifier-app.factory';

async function bootstrap(): Promise<void> {
  const config = loadNotifierConfig();
  if (config.DATABASE_MIGRATE_ON_START) await prepareDatabase(config.DATABASE_URL, 'notifier');
  await createNotifierApp(config);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
