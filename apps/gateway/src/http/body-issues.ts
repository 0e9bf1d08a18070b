import type { z } from 'zod';
import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** One problem with a request body, by the path of the field it is about. */
export interface BodyIssue {
  path: string;
  message: string;
}

/** A zod failure as the `details.issues` of a 400 (`(body)` for the body as a whole). */
export function bodyIssues(error: z.ZodError): BodyIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.join('.') || '(body)',
    message: issue.message,
  }));
}

/** A 400 for a request body that breaks its schema: what the request is, then each issue. */
export abstract class RequestBodyInvalidError extends InvalidInputError {
  protected constructor(
    code: string,
    what: string,
    readonly issues: readonly BodyIssue[],
  ) {
    super(code, `${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`, { issues });
  }
}
