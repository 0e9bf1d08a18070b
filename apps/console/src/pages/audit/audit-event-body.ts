import type { AuditEvent } from '../../api/audit';

/**
 * What the event's message said: the audit records it as `details.body`, beside what it noted
 * about the message itself (`details.meta`). Empty for a body that was not an object.
 */
export function eventBody(event: Pick<AuditEvent, 'details'>): Record<string, unknown> {
  const body = event.details.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

/** The status code (trạng thái xử lý) a status event is about, if any. */
export function statusCodeOf(event: Pick<AuditEvent, 'details'>): string | undefined {
  const code = eventBody(event).statusCode;
  return typeof code === 'string' ? code : undefined;
}
