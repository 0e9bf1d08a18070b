import { validate as isUuid } from 'uuid';
import { ParkedMessageQueryInvalidError } from './parked-message.errors';

/** Opaque to clients: base64url of the last parked message id they have seen (UUIDv7, ordered). */
export function encodeParkedMessageCursor(lastId: string): string {
  return Buffer.from(`p:${lastId}`).toString('base64url');
}

export function decodeParkedMessageCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith('p:') ? text.slice(2) : '';
  if (!isUuid(id)) {
    throw new ParkedMessageQueryInvalidError({
      en: 'the cursor is not one this API returned',
      vi: 'con trỏ (cursor) không phải do API này trả về',
    });
  }
  return id;
}
