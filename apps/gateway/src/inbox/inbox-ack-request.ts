import { z } from 'zod';
import { isUuid } from '@docaxis/persistence/database/uuid';
import {
  DispatchIdInvalidError,
  InboxAckDuplicateIdsError,
  InboxAckEmptyError,
  InboxAckRequestInvalidError,
  InboxAckTooLargeError,
} from './inbox-ack.errors';
import { bodyIssues } from '../http/body-issues';

const bodySchema = z.strictObject({ dispatchIds: z.array(z.string()) });

/**
 * Parses `{ "dispatchIds": [...] }`. The whole request is refused, before anything is
 * acknowledged, when it is empty, too long, or holds a malformed or repeated id: each of those is
 * a client bug, and one clear answer beats a partly applied batch.
 */
export function parseInboxAckRequest(body: unknown, maxIds: number): { dispatchIds: string[] } {
  const parsed = bodySchema.safeParse(body ?? {});
  if (!parsed.success) {
    throw new InboxAckRequestInvalidError(bodyIssues(parsed.error));
  }
  const { dispatchIds } = parsed.data;
  if (dispatchIds.length === 0) throw new InboxAckEmptyError();
  if (dispatchIds.length > maxIds) throw new InboxAckTooLargeError(dispatchIds.length, maxIds);
  const invalid = dispatchIds.filter((id) => !isUuid(id));
  if (invalid.length > 0) throw new DispatchIdInvalidError(invalid.slice(0, 10));
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of dispatchIds) {
    const key = id.toLowerCase();
    if (seen.has(key)) repeated.add(id);
    seen.add(key);
  }
  if (repeated.size > 0) throw new InboxAckDuplicateIdsError([...repeated]);
  return { dispatchIds };
}
