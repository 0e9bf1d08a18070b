import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/**
 * The fixture builder cannot do what a test asked: an unreadable or encrypted input PDF, a key
 * it cannot sign with, a CMS larger than the reserved /Contents. Codes start with `PDF_`.
 */
export class PdfFixtureError extends InvalidInputError {
  constructor(code: `PDF_${string}`, message: string, details?: Readonly<Record<string, unknown>>) {
    super(code, message, details);
  }
}
