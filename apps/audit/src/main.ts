import { prepareDatabase } from '@docaxis/persistence/database/prepare-database';
import { createAuditApp } from './audit-app.factory';
import { loadAuditConfig } from './config/audit.config';

async function bootstrap(): Promise<void> {
  const config = loadAuditConfig();
  if (config.DATABASE_MIGRATE_ON_START) await prepareDatabase(config.DATABASE_URL, 'audit');
  await createAuditApp(config);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
