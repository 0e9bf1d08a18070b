import type { Readable } from 'node:stream';
import type { BlobBytes } from './blob-bytes';

/** What the store knows about a stored blob. */
export interface StoredBlob {
  /** Lower-case hex SHA-256 of the bytes: the blob's address. */
  sha256: string;
  sizeBytes: number;
  /**
   * Set when this `put` wrote the bytes (they were absent): how the store tells its own write
   * from a later `put` of the same bytes, for `discard`. Opaque.
   */
  createdAs?: string;
}

/**
 * Content-addressed storage of document bytes. Equal bytes are stored once, whoever sends them;
 * the broker only ever carries addresses. One interface so a deployment can swap the default
 * filesystem store for shared or object storage.
 */
export abstract class BlobStore {
  /** Stores the bytes (idempotent; pieces as their concatenation) and returns their address. */
  abstract put(bytes: BlobBytes): Promise<StoredBlob>;
  /**
   * Undoes a `put` nobody wants (a refused submission): removes the blob if that `put` created it
   * and no `put` of the same bytes came since, which may be about to reference it. Otherwise, or
   * when it is gone already, does nothing.
   */
  abstract discard(blob: StoredBlob): Promise<void>;
  /**
   * The whole blob. Throws BlobNotFoundError only when the blob is definitely absent; any other
   * failure (an I/O error, no permission, BlobStoreUnavailableError) says nothing about the blob
   * and may clear on a retry.
   */
  abstract get(sha256: string): Promise<Buffer>;
  /** A stream of the blob, for serving large files without buffering them; fails like `get`. */
  abstract openReadStream(sha256: string): Promise<Readable>;
  abstract has(sha256: string): Promise<boolean>;
}
