import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Identity of one `npm test` run. Global setup picks the id; every worker inherits it through
 * the environment, so all databases, AMQP prefixes and temp folders of a run share one name
 * stem and global teardown can remove exactly what this run created.
 */
export const TEST_RUN_ENV = 'DOCAXIS_TEST_RUN_ID';

export function testRunId(): string {
  const id = process.env[TEST_RUN_ENV];
  if (!id) {
    throw new Error(
      `${TEST_RUN_ENV} is not set: run the tests through jest (global setup sets it)`,
    );
  }
  return id;
}

export function testRunDir(): string {
  const dir = join(tmpdir(), `docaxis-test-${testRunId()}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Database names of a run: `docaxis_t_<run>_<suffix>` (PostgreSQL folds to lower case). */
export function testDatabasePrefix(): string {
  return `docaxis_t_${testRunId()}`;
}
