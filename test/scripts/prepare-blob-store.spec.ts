import { HealthIndicatorService } from '@nestjs/terminus';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobStoreHealthIndicator } from '@docaxis/observability/health/blob-store.health';
import { prepareBlobStore } from '../../scripts/prepare-blob-store';

/**
 * `npm start` on a fresh clone: the blob store folder (var/blobs) did not exist, so the gateway
 * and verifier answered 503 on /health/ready (blobStore down) until the first PDF was written.
 */
describe('prepareBlobStore (npm start, docker compose init)', () => {
  const blobStoreHealth = new BlobStoreHealthIndicator(new HealthIndicatorService());
  let parent: string;

  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'docaxis-init-'));
  });

  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('creates the configured BLOB_DIR, so the blob store readiness check is up from the start', async () => {
    const blobDir = join(parent, 'var', 'blobs');
    expect((await blobStoreHealth.check(blobDir)).blobStore.status).toBe('down');

    expect(prepareBlobStore({ BLOB_DIR: blobDir })).toBe(blobDir);

    expect((await blobStoreHealth.check(blobDir)).blobStore.status).toBe('up');
  });

  it('leaves an existing folder as it is', () => {
    const blobDir = join(parent, 'blobs');
    prepareBlobStore({ BLOB_DIR: blobDir });
    expect(() => prepareBlobStore({ BLOB_DIR: blobDir })).not.toThrow();
    expect(existsSync(blobDir)).toBe(true);
  });
});
