import { InboxCursorInvalidError } from '../inbox/inbox-cursor';
import { decodeSentCursor, encodeSentCursor } from './sent-cursor';

describe('sent-list cursor', () => {
  const id = '0190f3a0-0000-7000-8000-000000000001';

  it('round-trips a dispatch id and starts from the newest without one', () => {
    expect(decodeSentCursor(encodeSentCursor(id))).toBe(id);
    expect(decodeSentCursor(undefined)).toBeNull();
    expect(decodeSentCursor('')).toBeNull();
  });

  it.each([
    'garbage',
    Buffer.from('s:not-a-uuid').toString('base64url'),
    Buffer.from(`i:${id}`).toString('base64url'),
    Buffer.from("s:' OR 1=1").toString('base64url'),
  ])('refuses a cursor it did not issue (%s) with CURSOR_INVALID', (cursor) => {
    expect(() => decodeSentCursor(cursor)).toThrow(InboxCursorInvalidError);
  });
});
