import type { z } from 'zod';
import type { BilingualText } from '@docaxis/errors/domain-error';
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

/**
 * A 400 for a request body that breaks its schema: what the request is, then each issue. The
 * English message quotes each issue as zod words it. The Vietnamese one names the fields to fix:
 * zod's per-field texts are English only and stay so in `details.issues` (their shape is
 * published), so the Vietnamese does not mix them in.
 */
export abstract class RequestBodyInvalidError extends InvalidInputError {
  protected constructor(
    code: string,
    what: BilingualText,
    readonly issues: readonly BodyIssue[],
  ) {
    const fields = [...new Set(issues.map((issue) => issue.path))];
    super(
      code,
      `${what.en}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}.`,
      { issues },
      {
        vi: `${what.vi}; các trường cần sửa: ${fields.join(', ')} (xem chi tiết tại details.issues).`,
      },
    );
  }
}
