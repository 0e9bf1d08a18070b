import type { DataSourceOptions } from 'typeorm';
import { DatabaseRoleNameError } from './database-role-name.error';
import { ALL_ENTITIES } from '../entities';
import { ALL_MIGRATIONS } from '../migrations/all-migrations';
import { ParameterFreeQueryLogger } from './parameter-free-query-logger';
import { PreparingPgClient } from './prepared-statements';

export interface DatabaseConnectionSettings {
  url: string;
  poolSize?: number;
  applicationName?: string;
  /**
   * A role every connection switches to as it opens (`SET ROLE` through the startup options), so
   * an app runs with that role's privileges only; the login must be a member of it.
   */
  role?: string;
}

/** A plain, unquoted PostgreSQL identifier: nothing that could widen the startup options. */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

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
    logger: new ParameterFreeQueryLogger(),
    applicationName: settings.applicationName ?? 'docaxis',
    extra: {
      // Sends the hot-path statements marked with `preparedStatement` as named statements.
      Client: PreparingPgClient,
      max: settings.poolSize ?? 10,
      ...(settings.role ? { options: `-c role=${checkedRole(settings.role)}` } : {}),
    },
  };
}

function checkedRole(role: string): string {
  if (!ROLE_NAME.test(role)) throw new DatabaseRoleNameError(role);
  return role;
}
