import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import type { BigIntStats } from 'node:fs';
import {
  access,
  link,
  mkdir,
  readFile,
  rename,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { BlobNotFoundError } from './blob-not-found.error';
import { BlobStoreUnavailableError } from './blob-store-unavailable.error';
import type { BlobBytes } from './blob-bytes';
import { BlobStore, type StoredBlob } from './blob-store';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** How `FilesystemBlobStore.get` reads a blob. */
export interface FilesystemBlobReads {
  /**
   * Read the whole file on the calling thread (open, fstat, read, close as plain system calls)
   * instead of through libuv's thread pool. For a caller that spends synchronous CPU on the bytes
   * right after anyway (the verifier, without worker threads): a 100 KB file from the page cache
   * then costs ~25 µs of CPU instead of ~130 µs (four thread-pool round trips, each waking a pool
   * thread and then the event loop), at the price of blocking the event loop for the read. Not for
   * a server whose event loop must stay free (the gateway), nor for a store on slow or network
   * storage. Measured in bench/README.md, "Session 11 (2026-11-24), verifier".
   */
  synchronous: boolean;
}

/**
 * Blobs as files named by their SHA-256 under two levels of fan-out directories
 * (`ab/cd/abcd…`). Writes go to a temporary name and are linked into place, so readers never
 * see a partial file and concurrent writers of the same bytes are harmless.
 */
export class FilesystemBlobStore extends BlobStore {
  constructor(
    private readonly rootDir: string,
    private readonly reads: FilesystemBlobReads = { synchronous: false },
  ) {
    super();
  }

  async put(bytes: BlobBytes): Promise<StoredBlob> {
    const pieces = Buffer.isBuffer(bytes) ? [bytes] : bytes;
    const hash = createHash('sha256');
    let sizeBytes = 0;
    for (const piece of pieces) {
      hash.update(piece);
      sizeBytes += piece.length;
    }
    const sha256 = hash.digest('hex');
    const target = this.pathOf(sha256);
    const stored = { sha256, sizeBytes };
    // Touching the blob tells a concurrent `discard` it is wanted again.
    if (await this.touch(target)) return stored;
    await mkdir(join(target, '..'), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      // Pieces are written one after another: nothing joins them in memory.
      await writeFile(temporary, bytes, { flag: 'wx' });
      const createdAs = versionOf(await stat(temporary, { bigint: true }));
      // link, not rename: it never replaces a concurrent writer's blob, so each blob has exactly
      // one creator, the only `put` whose `discard` may remove it.
      for (;;) {
        try {
          await link(temporary, target);
          return { ...stored, createdAs };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        // Another put stored the bytes meanwhile; unless its discard took them away since.
        if (await this.touch(target)) return stored;
      }
    } finally {
      await rm(temporary, { force: true });
    }
  }

  /**
   * The blob is first renamed aside, atomically: a `put` after that finds nothing and writes its
   * own copy, which this leaves alone. A `put` before it touched the file (a new mtime): it may
   * be about to be referenced, so it goes back.
   */
  async discard(blob: StoredBlob): Promise<void> {
    if (blob.createdAs === undefined) return;
    const target = this.pathOf(blob.sha256);
    const aside = `${target}.${randomBytes(6).toString('hex')}.discard`;
    try {
      await rename(target, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    if (versionOf(await stat(aside, { bigint: true })) !== blob.createdAs) {
      // Back, unless a put wrote its own copy meanwhile (then that one stays).
      await link(aside, target).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
    }
    await rm(aside, { force: true });
  }

  async get(sha256: string): Promise<Buffer> {
    try {
      const path = this.pathOf(sha256);
      return this.reads.synchronous ? readFileSync(path) : await readFile(path);
    } catch (error) {
      throw await this.translate(error, sha256);
    }
  }

  async openReadStream(sha256: string): Promise<Readable> {
    const path = this.pathOf(sha256);
    try {
      await access(path);
    } catch (error) {
      throw await this.translate(error, sha256);
    }
    return createReadStream(path);
  }

  async has(sha256: string): Promise<boolean> {
    return SHA256_HEX.test(sha256) && this.exists(this.pathOf(sha256));
  }

  private pathOf(sha256: string): string {
    // Addresses come from our own database, but a malformed one must never become a path.
    if (!SHA256_HEX.test(sha256)) throw new BlobNotFoundError(sha256);
    return join(this.rootDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** False when there is no such file. */
  private async touch(path: string): Promise<boolean> {
    try {
      const now = new Date();
      await utimes(path, now, now);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /** False when there is no such file; a failure to look (EACCES, EIO) is thrown, not "absent". */
  private async exists(path: string): Promise<boolean> {
    try {
      await access(path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /**
   * Only a definite absence is BlobNotFoundError (callers may refuse for good on it): no such file
   * under a root that is there. Any other failure (EIO, EACCES, the root itself gone) stays an
   * error a retry may clear.
   */
  private async translate(error: unknown, sha256: string): Promise<unknown> {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return error;
    try {
      await access(this.rootDir);
    } catch {
      return new BlobStoreUnavailableError(this.rootDir);
    }
    return new BlobNotFoundError(sha256);
  }
}

/** Which file this is, and whether it was touched since. */
function versionOf(stats: BigIntStats): string {
  return `${stats.ino}:${stats.mtimeNs}`;
}
