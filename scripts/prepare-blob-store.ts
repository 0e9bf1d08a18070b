import { mkdirSync } from 'node:fs';
import { z } from 'zod';
import { blobStoreEnv } from '@docaxis/config/shared-config.schema';
import { loadConfig } from '@docaxis/config/load-config';

const blobStoreConfigSchema = z.object(blobStoreEnv);

/**
 * Creates the blob store folder the gateway and verifier are configured with (`BLOB_DIR`, read
 * exactly as they read it). The apps never create it themselves: where it should be a mounted,
 * shared volume, a missing folder must leave them not ready rather than let each write PDFs to
 * a local folder of its own. A development environment owns its folder, so it is made here.
 */
export function prepareBlobStore(env: NodeJS.ProcessEnv = process.env): string {
  const { BLOB_DIR } = loadConfig('init', blobStoreConfigSchema, env);
  mkdirSync(BLOB_DIR, { recursive: true });
  return BLOB_DIR;
}
