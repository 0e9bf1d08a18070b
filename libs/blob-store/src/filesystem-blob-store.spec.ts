import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { BlobNotFoundError } from './blob-not-found.error';
import { BlobStoreUnavailableError } from './blob-store-unavailable.error';
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
      createdAs: expect.any(String),
    });
    expect((await store.put(bytes)).createdAs).toBeUndefined(); // there already
    expect((await store.get(stored.sha256)).equals(bytes)).toBe(true);
    expect(await store.has(stored.sha256)).toBe(true);
  });

  it('stores pieces as their concatenation, under the same address as the whole', async () => {
    const whole = Buffer.from('%PDF-1.7 sent in pieces');
    const pieces = [whole.subarray(0, 4), whole.subarray(4, 11), whole.subarray(11)];
    const stored = await store.put(pieces);
    expect(stored).toEqual({
      sha256: createHash('sha256').update(whole).digest('hex'),
      sizeBytes: whole.length,
      createdAs: expect.any(String),
    });
    expect((await store.get(stored.sha256)).equals(whole)).toBe(true);
    expect((await store.put(whole)).createdAs).toBeUndefined(); // the same blob
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

  describe('telling a definite absence from a failure to read', () => {
    it('fails a blob it cannot read (here a directory in its place) with the error itself, not BLOB_NOT_FOUND', async () => {
      const sha = '1'.repeat(64);
      mkdirSync(join(root, '11', '11', sha), { recursive: true });
      await expect(store.get(sha)).rejects.toMatchObject({ code: 'EISDIR' });
    });

    it('says the store is unavailable, not that the blob is absent, when its root is gone (a volume not mounted)', async () => {
      const { sha256 } = await store.put(Buffer.from('%PDF-1.7 on a lost volume'));
      rmSync(root, { recursive: true, force: true });
      const unmounted = { code: 'BLOB_STORE_UNAVAILABLE', kind: 'unavailable' };
      await expect(store.get(sha256)).rejects.toBeInstanceOf(BlobStoreUnavailableError);
      await expect(store.get(sha256)).rejects.toMatchObject(unmounted);
      await expect(store.openReadStream(sha256)).rejects.toMatchObject(unmounted);
    });
  });

  describe('with synchronous reads (the verifier)', () => {
    let reader: FilesystemBlobStore;

    beforeEach(() => {
      reader = new FilesystemBlobStore(root, { synchronous: true });
    });

    it('reads the blob on the calling thread: no file-system request is left for the thread pool', async () => {
      const bytes = Buffer.from('%PDF-1.7 read at once');
      const { sha256 } = await store.put(bytes);
      const fileRequests = () =>
        process.getActiveResourcesInfo().filter((kind) => kind.startsWith('FS')).length;
      const before = fileRequests(); // the test runner's own, if any
      const reading = reader.get(sha256);
      expect(fileRequests()).toBe(before);
      expect((await reading).equals(bytes)).toBe(true);
    });

    it('fails as the asynchronous reads do: absent, unreadable, root gone', async () => {
      await expect(reader.get('0'.repeat(64))).rejects.toBeInstanceOf(BlobNotFoundError);
      await expect(reader.get('../../etc/passwd')).rejects.toMatchObject({
        code: 'BLOB_NOT_FOUND',
      });
      const directory = '1'.repeat(64);
      mkdirSync(join(root, '11', '11', directory), { recursive: true });
      await expect(reader.get(directory)).rejects.toMatchObject({ code: 'EISDIR' });
      const { sha256 } = await store.put(Buffer.from('%PDF-1.7 on a lost volume'));
      rmSync(root, { recursive: true, force: true });
      await expect(reader.get(sha256)).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    });
  });

  describe('discard (undoing a put nobody wants)', () => {
    const bytes = () => Buffer.from(`%PDF-1.7 refused ${Math.random()}`);
    /** Every file under the root, temporary and set-aside ones included. */
    const files = () =>
      readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((path) =>
        statSync(join(root, path)).isFile(),
      );

    it('removes the blob its put created', async () => {
      const stored = await store.put(bytes());
      await store.discard(stored);
      expect(await store.has(stored.sha256)).toBe(false);
      expect(files()).toEqual([]);
    });

    it('keeps a blob that was there before the put', async () => {
      const first = await store.put(bytes());
      const again = await store.put(await store.get(first.sha256));
      await store.discard(again);
      expect(await store.has(first.sha256)).toBe(true);
    });

    it('keeps a blob that another put of the same bytes stored since (it may be about to be referenced)', async () => {
      const content = bytes();
      const ours = await store.put(content);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await store.put(content);
      await store.discard(ours);
      expect((await store.get(ours.sha256)).equals(content)).toBe(true);
      expect(files()).toHaveLength(1);
    });

    it('of puts writing the same bytes at once, only the one that created the blob removes it', async () => {
      for (let kept = 0; kept < 4; kept++) {
        const content = bytes();
        const puts = await Promise.all(Array.from({ length: 4 }, () => store.put(content)));
        expect(puts.filter((put) => put.createdAs !== undefined)).toHaveLength(1);
        // One of them is accepted, the others refused: the accepted one's bytes stay.
        await Promise.all(puts.filter((_, i) => i !== kept).map((put) => store.discard(put)));
        expect((await store.get(puts[kept].sha256)).equals(content)).toBe(true);
        await store.discard(puts[kept]);
      }
      // Nothing temporary or set aside is left; blobs touched by another put may stay, safely.
      expect(files().every((path) => /^[0-9a-f]{64}$/.test(basename(path)))).toBe(true);
    });
  });
});
