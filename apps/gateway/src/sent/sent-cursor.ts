import { isLowerCaseUuid } from '@docaxis/persistence/database/uuid';
import { InboxCursorInvalidError } from '../inbox/inbox-cursor';

/** Opaque to clients: base64url of the id of the last dispatch they have seen. */
export function encodeSentCursor(dispatchId: string): string {
  return Buffer.from(`s:${dispatchId}`).toString('base64url');
}

/** The id to continue before; null without a cursor. Anything else is CURSOR_INVALID. */
export function decodeSentCursor(cursor: string | undefined): string | null {
  if (cursor === undefined || cursor === '') return null;
  const match = /^s:(.+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || !isLowerCaseUuid(match[1])) throw new InboxCursorInvalidError();
  return match[1];
}
