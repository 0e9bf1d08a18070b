import { createHmac } from 'node:crypto';

/** Headers of every notification; receivers verify and deduplicate with them. */
export const WebhookHeaders = {
  /** Same on every attempt of one notification: the receiver's deduplication key. */
  Id: 'x-docaxis-notification-id',
  /** Unix seconds at signing; receivers should refuse stale ones (replays). */
  Timestamp: 'x-docaxis-timestamp',
  /** `v1=` + hex HMAC-SHA256 over `{timestamp}.{body}` with the webhook's secret. */
  Signature: 'x-docaxis-signature',
  Event: 'x-docaxis-event',
  Attempt: 'x-docaxis-attempt',
} as const;

/** The `X-Docaxis-Signature` value for `body` sent at `timestampSeconds`. */
export function signWebhookBody(secret: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8');
  return `v1=${mac.digest('hex')}`;
}
