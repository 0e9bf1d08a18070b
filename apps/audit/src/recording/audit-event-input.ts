import type { JsonObject } from '@docaxis/audit-trail/chain/canonical-json';

/** One event to append to the chain, already mapped from its message (audit-event-mapper.ts). */
export interface AuditEventInput {
  /** The message id: the chain records an event id once, however often it is delivered. */
  eventId: string;
  eventType: string;
  occurredAt: Date;
  dispatchId: string | null;
  senderCode: string | null;
  recipientCode: string | null;
  actor: string | null;
  /** Plain JSON only (ids, codes, metadata; never document contents). */
  payload: JsonObject;
}

/** Column widths of audit_records that an input must fit. */
export const AUDIT_EVENT_LIMITS = {
  eventId: 64,
  eventType: 64,
  agencyCode: 35,
  /** Not a column width (actor is text): a certificate subject or an app's name fits in it. */
  actor: 1024,
} as const;
