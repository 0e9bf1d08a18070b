import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';
import type { ReportMessageCode } from '@docaxis/signature/report/report-message-code';

/**
 * A structural fault of the PDF itself (not a PDF, truncated, over a limit). The verifier turns
 * it into a FORMAT_FAILURE report; it never escapes `verify()`.
 */
export class PdfStructureError extends InvalidInputError {
  constructor(
    readonly reportCode: ReportMessageCode,
    message: string,
  ) {
    super(reportCode, message);
  }
}
