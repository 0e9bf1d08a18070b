import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { BlobNotFoundError } from './blob-not-found.error';
import { BlobStore, type StoredBlob } from './blob-store';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Blobs as files named by their SHA-256 under two levels of fan-out directories
 * (`ab/cd/abcd…`). Writes go to a temporary name and are renamed into place, so readers never
 * see a partial file and concurrent writers of the same bytes are harmless.
 */
export class FilesystemBlobStore extends BlobStore {
  constructor(private readonly rootDir: string) {
    super();
  }

  async put(bytes: Buffer): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (!(await this.exists(target))) {
      await mkdir(join(target, '..'), { recursive: true });
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, bytes, { flag: 'wx' });
        await rename(temporary, target);
      } catch (error) {
        // Renamed, the temporary name is gone: only a failed write leaves one to clean up.
        await rm(temporary, { force: true });
        throw error;
      }
    }
    return { sha256, sizeBytes: bytes.length };
  }

  async get(sha256: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(sha256));
    } catch (error) {
      throw this.translate(error, sha256);
    }
  }

  async openReadStream(sha256: string): Promise<Readable> {
    const path = this.pathOf(sha256);
    if (!(await this.exists(path))) throw new BlobNotFoundError(sha256);
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

  private async exists(path: string): Promise<boolean> {
    try {
      await access(path);
      return true;
    } catch {
      return false;
    }
  }

  private translate(error: unknown, sha256: string): unknown {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? new BlobNotFoundError(sha256)
      : error;
  }
}
