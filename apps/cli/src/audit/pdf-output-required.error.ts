import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** A PDF export was asked for without a file to write it to (it is binary: not for a terminal). */
export class PdfOutputRequiredError extends InvalidInputError {
  constructor() {
    super(
      'AUDIT_EXPORT_OUT_REQUIRED',
      'docaxis audit export --format pdf needs --out <file>',
      undefined,
      { vi: 'docaxis audit export --format pdf cần --out <tệp> để ghi báo cáo PDF vào' },
    );
  }
}
