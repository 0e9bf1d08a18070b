import { prepareDatabase } from '@docaxis/persistence/database/prepare-database';
import { loadVerifierConfig } from './config/verifier.config';
import { createVerifierApp } from './verifier-app.factory';

async function bootstrap(): Promise<void> {
  const config = loadVerifierConfig();
  if (config.DATABASE_MIGRATE_ON_START) await prepareDatabase(config.DATABASE_URL, 'verifier');
  await createVerifierApp(config);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
