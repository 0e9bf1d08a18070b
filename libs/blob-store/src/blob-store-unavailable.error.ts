import { UnavailableError } from '@docaxis/errors/domain-error-kinds';

/**
 * The store itself cannot be read (its root directory is absent: a volume not mounted, say), so
 * whether a blob exists is unknown: unlike BlobNotFoundError, this says nothing about the blob.
 */
export class BlobStoreUnavailableError extends UnavailableError {
  constructor(rootDir: string) {
    super(
      'BLOB_STORE_UNAVAILABLE',
      `The file store at ${rootDir} cannot be read`,
      { rootDir },
      { vi: 'Kho lưu trữ tệp của trục tạm thời không đọc được; vui lòng thử lại sau.' },
    );
  }
}
