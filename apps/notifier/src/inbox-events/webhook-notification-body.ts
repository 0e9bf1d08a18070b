/** What a receiver gets, as JSON: the notification id again, the event and its facts (ids, codes). */
export interface WebhookNotificationBody {
  /** Same as the `X-Docaxis-Notification-Id` header: deduplicate on it. */
  id: string;
  /** e.g. `dispatch.delivered`. */
  type: string;
  /** The agency whose inbox the event landed in (the webhook's owner). */
  agencyCode: string;
  occurredAt: string;
  /** The event's own facts: ids and codes only, never document content; fetch the rest by API. */
  data: Record<string, unknown>;
}

export function webhookNotificationBody(body: WebhookNotificationBody): string {
  return JSON.stringify(body);
}
