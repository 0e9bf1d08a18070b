import { DataSource } from 'typeorm';
import { AgencyRepository, type AgencySeed } from '@docaxis/persistence/agency/agency.repository';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { createTestDatabase } from './test-database';

/**
 * An initialised DataSource on a fresh test database (see createTestDatabase) whose directory
 * holds `agencies`, for a repository int-spec. The caller destroys it.
 */
export async function agencyDatabase(
  label: string,
  agencies: readonly AgencySeed[],
): Promise<{ dataSource: DataSource; url: string }> {
  const url = await createTestDatabase(label);
  const dataSource = new DataSource(dataSourceOptions({ url }));
  await dataSource.initialize();
  await new AgencyRepository(dataSource).upsertMany(agencies);
  return { dataSource, url };
}
