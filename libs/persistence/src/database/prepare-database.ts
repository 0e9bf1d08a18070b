import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { ensureDatabaseExists } from './ensure-database';
import { runMigrationsExclusively } from './run-migrations';

/**
 * Start-up step of every app: create the database if missing and apply pending migrations under
 * the advisory lock. Returns the names of the migrations this call applied.
 */
export async function prepareDatabase(url: string, appName: string): Promise<string[]> {
  await ensureDatabaseExists(url);
  const dataSource = new DataSource(
    dataSourceOptions({ url, poolSize: 2, applicationName: `${appName}-migrate` }),
  );
  await dataSource.initialize();
  try {
    return (await runMigrationsExclusively(dataSource)).map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
