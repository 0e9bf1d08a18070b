import { join, resolve } from 'node:path';
import { readDevAgenciesFile, type DevAgency } from '@docaxis/signature/pki/dev-agency';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { ensureDevPki } from '@docaxis/signature/pki/dev-pki-provisioner';
import { testRunDir } from './test-run';

/** The development agency directory (also the seed of `npm start`). */
export function devAgencies(): DevAgency[] {
  return readDevAgenciesFile(resolve(__dirname, '../../certs/dev-agencies.json'));
}

let cached: Promise<DevPki> | undefined;

/**
 * One TEST PKI per test run, shared by every spec file and worker (ensureDevPki writes it
 * atomically; a worker losing the race loads the winner's).
 */
export function testPki(): Promise<DevPki> {
  cached ??= ensureDevPki({ outDir: join(testRunDir(), 'pki'), agencies: devAgencies() }).then(
    (r) => r.pki,
  );
  return cached;
}
