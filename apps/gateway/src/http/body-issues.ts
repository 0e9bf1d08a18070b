import type { z } from 'zod';

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
