import { randomBytes } from 'node:crypto';
import { TEST_RUN_ENV } from './test-run';

export default function globalSetup(): void {
  // Short and lower-case: it becomes part of database names and AMQP queue names.
  process.env[TEST_RUN_ENV] ??= `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}
