import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** `audit export --out` or `--manifest` names a file that cannot be written: a usage error. */
export class ExportOutputNotWritableError extends InvalidInputError {
  constructor(option: '--out' | '--manifest', path: string, reason: string) {
    super(
      'AUDIT_EXPORT_OUT_NOT_WRITABLE',
      `${option} ${path} cannot be written: ${reason}; nothing was exported`,
      { option, path },
    );
  }
}
