import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * The id that follows one dispatch across gateway, broker and every app. A caller may supply
 * its own (so its logs and ours line up); anything odd-looking is replaced rather than trusted.
 */
export function correlationIdFor(request: IncomingMessage, response?: ServerResponse): string {
  const existing = (request as IncomingMessage & { correlationId?: string }).correlationId;
  if (existing) return existing;
  const supplied = request.headers[CORRELATION_ID_HEADER];
  const id = typeof supplied === 'string' && ACCEPTABLE.test(supplied) ? supplied : randomUUID();
  (request as IncomingMessage & { correlationId?: string }).correlationId = id;
  response?.setHeader('X-Correlation-Id', id);
  return id;
}
