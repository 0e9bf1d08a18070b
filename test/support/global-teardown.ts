import { rmSync } from 'node:fs';
import { testRunDir } from './test-run';
import { dropRunDatabases } from './test-database';

export default async function globalTeardown(): Promise<void> {
  await dropRunDatabases();
  rmSync(testRunDir(), { recursive: true, force: true });
}
