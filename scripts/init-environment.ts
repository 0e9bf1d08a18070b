/**
 * Prepares a development environment: generates the TEST PKI when `certs/dev` is absent,
 * creates and migrates the database, seeds the development agency directory and creates the blob
 * store folder. Run by `npm start` and by the `init` service of docker-compose.
 */
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { seedDevDirectory } from '@docaxis/persistence/agency/dev-directory-seed';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { prepareDatabase } from '@docaxis/persistence/database/prepare-database';
import { readDevAgenciesFile } from '@docaxis/signature/pki/dev-agency';
import { ensureDevPki } from '@docaxis/signature/pki/dev-pki-provisioner';
import { ensureDevWebhookSecretKeyFile } from '@docaxis/webhooks/secrets/webhook-secret-key-file';
import { DEV_WEBHOOK_SECRET_KEY_FILE } from '@docaxis/webhooks/secrets/webhook-secret-key.env';
import { prepareBlobStore } from './prepare-blob-store';

export const repositoryRoot = resolve(__dirname, '..', '..');

export async function initEnvironment(databaseUrl: string): Promise<void> {
  const agencies = readDevAgenciesFile(join(repositoryRoot, 'certs/dev-agencies.json'));
  const pkiDir = join(repositoryRoot, 'certs/dev');
  const { pki, generatedBecause } = await ensureDevPki({ outDir: pkiDir, agencies });
  if (generatedBecause)
    console.log(`Generated the development TEST PKI in ${pkiDir} (${generatedBecause}).`);
  // A random TEST key, made once, for the webhook secrets the gateway stores encrypted.
  console.log(
    `Webhook secret key (TEST): ${ensureDevWebhookSecretKeyFile(join(repositoryRoot, DEV_WEBHOOK_SECRET_KEY_FILE))}`,
  );
  // Without it the gateway and verifier stay not ready until the first PDF is written.
  console.log(`Blob store: ${prepareBlobStore()}`);
  const applied = await prepareDatabase(databaseUrl, 'init');
  console.log(
    applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.',
  );

  const dataSource = new DataSource(dataSourceOptions({ url: databaseUrl, poolSize: 1 }));
  await dataSource.initialize();
  try {
    await seedDevDirectory(dataSource, pki);
    console.log(
      `Development agency directory: ${agencies.length} agencies, each with its document system's ` +
        `and its clerk's client certificates; the axis operator's auditor and admin certificates ` +
        `are in ${pkiDir}/operators.`,
    );
  } finally {
    await dataSource.destroy();
  }
}

export function databaseUrlFromEnv(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/docaxis';
}

if (require.main === module) {
  initEnvironment(databaseUrlFromEnv()).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
