import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

export class InboxCursorInvalidError extends InvalidInputError {
  constructor() {
    super(
      'CURSOR_INVALID',
      'The cursor is not one this API returned; start again without a cursor.',
      undefined,
      {
        vi: 'Con trỏ (cursor) không phải do API này trả về; đề nghị bắt đầu lại mà không dùng con trỏ.',
      },
    );
  }
}

/** Opaque to clients: base64url of the last inbox position they have seen. */
export function encodeInboxCursor(deliverySeq: number): string {
  return Buffer.from(`i:${deliverySeq}`).toString('base64url');
}

export function decodeInboxCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const match = /^i:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new InboxCursorInvalidError();
  return Number(match[1]);
}
