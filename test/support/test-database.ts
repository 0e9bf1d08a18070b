import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { testDatabasePrefix } from './test-run';

/** Superuser connection used only to create and drop the run's databases. */
export function adminDatabaseUrl(): string {
  return (
    process.env.DOCAXIS_TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  );
}

export function databaseUrlFor(name: string): string {
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminDatabaseUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops every database this run created (global teardown; also safe to call twice). */
export async function dropRunDatabases(): Promise<void> {
  await withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${testDatabasePrefix()}%`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}

export { withAdmin };

/** Serialises template creation and cloning across Jest workers (PostgreSQL advisory lock). */
const TEMPLATE_LOCK_KEY = 4_242_002;

let cloneCounter = 0;

/**
 * A fresh database for one spec file: cloned (CREATE DATABASE … TEMPLATE) from the run's
 * migrated template, which the first caller creates by running the real committed migrations.
 * Returns its URL; global teardown drops it with the rest of the run's databases.
 */
export async function createTestDatabase(label: string): Promise<string> {
  const template = `${testDatabasePrefix()}_template`;
  // Jest gives every spec file fresh modules, so the counter restarts per file in one worker:
  // random bytes keep two files with the same label from asking for the same name.
  const name = `${testDatabasePrefix()}_${label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 20)}_${process.pid}_${cloneCounter++}_${randomBytes(3).toString('hex')}`;
  await withAdmin(async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        template,
      ]);
      if (!rowCount) {
        await client.query(`CREATE DATABASE "${template}"`);
        await migrate(databaseUrlFor(template));
      }
      await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
    }
  });
  return databaseUrlFor(name);
}

async function migrate(url: string): Promise<void> {
  // Imported lazily so unit specs that never touch PostgreSQL do not load TypeORM.
  const { DataSource } = await import('typeorm');
  const { dataSourceOptions } = await import('@docaxis/persistence/database/data-source-options');
  const { runMigrationsExclusively } = await import('@docaxis/persistence/database/run-migrations');
  const dataSource = new DataSource(
    dataSourceOptions({ url, applicationName: 'docaxis-test-migrate' }),
  );
  await dataSource.initialize();
  try {
    await runMigrationsExclusively(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
