import { z } from 'zod';
import { characterCount, sanitizeText } from '@docaxis/edxml/text/safe-text';
import { RecallRequestInvalidError } from './recall.errors';
import { bodyIssues } from '../http/body-issues';

const MAX_REASON = 2000;

const bodySchema = z.strictObject({
  /** Why (edXML BussinessDocReason); shown to every recipient asked to agree. */
  reason: z.string().transform((raw, ctx) => {
    const result = sanitizeText(raw, { multiline: true });
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.reason });
      return z.NEVER;
    }
    if (result.value.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'is required' });
      return z.NEVER;
    }
    if (characterCount(result.value) > MAX_REASON) {
      ctx.addIssue({ code: 'custom', message: `must not exceed ${MAX_REASON} characters` });
      return z.NEVER;
    }
    return result.value;
  }),
});

/** Parses `{ "reason": "…" }`; every problem in one 400 (`RECALL_REQUEST_INVALID`). */
export function parseRecallRequest(body: unknown): { reason: string } {
  const parsed = bodySchema.safeParse(body ?? {});
  if (!parsed.success) {
    throw new RecallRequestInvalidError(bodyIssues(parsed.error));
  }
  return parsed.data;
}
