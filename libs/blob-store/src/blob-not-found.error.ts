import { NotFoundError } from '@docaxis/errors/domain-error-kinds';

export class BlobNotFoundError extends NotFoundError {
  constructor(sha256: string) {
    super(
      'BLOB_NOT_FOUND',
      `No stored file has SHA-256 ${sha256}`,
      { sha256 },
      { vi: `Không có tệp lưu trữ nào có mã băm SHA-256 ${sha256}.` },
    );
  }
}
