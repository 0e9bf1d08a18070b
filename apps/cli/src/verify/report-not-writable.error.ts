import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** The --pdf-report path cannot be written (missing folder, no permission): a usage error. */
export class ReportNotWritableError extends InvalidInputError {
  constructor(path: string, reason: string) {
    super('CLI_REPORT_NOT_WRITABLE', `--pdf-report ${path} cannot be written: ${reason}`, { path });
  }
}
