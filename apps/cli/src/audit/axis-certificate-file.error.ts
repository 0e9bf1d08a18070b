import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** AXIS_SIGNING_CERT_FILE cannot be read: a usage error (exit 2), not a broken trail (exit 1). */
export class AxisCertificateFileError extends InvalidInputError {
  constructor(path: string, reason: string) {
    super(
      'AXIS_SIGNING_CERT_FILE_INVALID',
      `AXIS_SIGNING_CERT_FILE ${path}: ${reason}`,
      { path, reason },
      { vi: `không đọc được chứng thư số của trục AXIS_SIGNING_CERT_FILE ${path}: ${reason}` },
    );
  }
}
