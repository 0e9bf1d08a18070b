import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';
import { REPORT_LANGUAGES } from '@docaxis/signature/report/wording/report-wording';

export class ReportLanguageInvalidError extends InvalidInputError {
  constructor(asked: string) {
    super(
      'REPORT_LANGUAGE_INVALID',
      `The report language "${asked}" is not supported; use one of: ${REPORT_LANGUAGES.join(', ')}.`,
      { supported: [...REPORT_LANGUAGES] },
    );
  }
}
