import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** `--anchor FILE` holds no usable head: a usage error (exit 2), not a broken trail (exit 1). */
export class AnchorFileError extends InvalidInputError {
  constructor(path: string, reason: { en: string; vi: string }) {
    super(
      'AUDIT_ANCHOR_FILE_INVALID',
      `--anchor ${path}: ${reason.en}`,
      { path, reason: reason.en },
      { vi: `--anchor ${path}: ${reason.vi}` },
    );
  }
}
