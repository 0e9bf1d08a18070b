import type multer from 'multer';
import type { BlobBytes } from '@docaxis/blob-store/blob-bytes';

/** What `filePiecesStorage` leaves on a file part: its bytes as the request delivered them. */
export interface FilePieces {
  pieces: Buffer[];
  size: number;
}

/**
 * Multer storage that keeps a file part in memory in the pieces busboy delivers (views of the
 * request's own read buffers), where multer's memory storage joins them into one Buffer: the
 * blob store hashes and writes the pieces as they are, so a submitted PDF is not copied whole
 * before it is stored (bench/README.md, "Session 9, gateway"). The parts are bounded by the
 * upload limits, as with memory storage.
 */
export function filePiecesStorage(): multer.StorageEngine {
  return {
    _handleFile(_request, file, callback) {
      const received: FilePieces = { pieces: [], size: 0 };
      file.stream.on('data', (chunk: Buffer) => {
        received.pieces.push(chunk);
        received.size += chunk.length;
      });
      file.stream.on('end', () => callback(null, received));
    },
    _removeFile(_request, file, callback) {
      (file as Partial<FilePieces>).pieces = undefined;
      callback(null);
    },
  };
}

/** A file part's bytes: its pieces when `filePiecesStorage` kept it, else memory storage's Buffer. */
export function filePartBytes(file: Express.Multer.File): BlobBytes {
  return (file as Express.Multer.File & Partial<FilePieces>).pieces ?? file.buffer;
}
