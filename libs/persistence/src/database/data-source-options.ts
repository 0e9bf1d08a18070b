import type { DataSourceOptions } from 'typeorm';
import { ALL_ENTITIES } from '../entities';
import { ALL_MIGRATIONS } from '../migrations/all-migrations';

export interface DatabaseConnectionSettings {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/**
 * The one description of the database used by every app, the TypeORM CLI and the tests.
 * `synchronize` is off everywhere: the schema only changes through committed migrations.
 */
export function dataSourceOptions(settings: DatabaseConnectionSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    applicationName: settings.applicationName ?? 'docaxis',
    extra: { max: settings.poolSize ?? 10 },
  };
}
