import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobNotFoundError } from './blob-not-found.error';
import { FilesystemBlobStore } from './filesystem-blob-store';

describe('FilesystemBlobStore', () => {
  let root: string;
  let store: FilesystemBlobStore;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docaxis-blobs-'));
    store = new FilesystemBlobStore(root);
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stores bytes under their SHA-256 and returns them byte for byte', async () => {
    const bytes = Buffer.from('%PDF-1.7 test bytes');
    const stored = await store.put(bytes);
    expect(stored).toEqual({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sizeBytes: bytes.length,
    });
    expect((await store.get(stored.sha256)).equals(bytes)).toBe(true);
    expect(await store.has(stored.sha256)).toBe(true);
  });

  it('stores equal bytes once, even when written concurrently', async () => {
    const bytes = Buffer.alloc(256 * 1024, 7);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.put(bytes)));
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
    const sha = results[0].sha256;
    const dir = join(root, sha.slice(0, 2), sha.slice(2, 4));
    expect(readdirSync(dir)).toEqual([sha]); // no temporary files left behind
  });

  it('streams a stored blob', async () => {
    const bytes = Buffer.from('streamed content');
    const { sha256 } = await store.put(bytes);
    const chunks: Buffer[] = [];
    for await (const chunk of await store.openReadStream(sha256)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('streamed content');
  });

  it('refuses unknown and malformed addresses with BLOB_NOT_FOUND, never touching other paths', async () => {
    await expect(store.get('0'.repeat(64))).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.get('../../etc/passwd')).rejects.toMatchObject({ code: 'BLOB_NOT_FOUND' });
    await expect(store.openReadStream('A'.repeat(64))).rejects.toMatchObject({
      code: 'BLOB_NOT_FOUND',
    });
    expect(await store.has('zz')).toBe(false);
  });
});
