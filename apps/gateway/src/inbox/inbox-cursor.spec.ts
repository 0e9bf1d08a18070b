import { decodeInboxCursor, encodeInboxCursor, InboxCursorInvalidError } from './inbox-cursor';

describe('inbox cursor', () => {
  it('round-trips an inbox position', () => {
    expect(decodeInboxCursor(encodeInboxCursor(42))).toBe(42);
  });

  it('starts from the beginning without a cursor', () => {
    expect(decodeInboxCursor(undefined)).toBe(0);
    expect(decodeInboxCursor('')).toBe(0);
  });

  it.each([
    'garbage',
    Buffer.from('i:-1').toString('base64url'),
    Buffer.from("i:1' OR 1=1").toString('base64url'),
    Buffer.from('i:1234567890123456789').toString('base64url'),
  ])('refuses a cursor it did not issue (%s) with CURSOR_INVALID', (cursor) => {
    expect(() => decodeInboxCursor(cursor)).toThrow(InboxCursorInvalidError);
  });
});
