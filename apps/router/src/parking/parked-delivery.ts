import { createHash } from 'node:crypto';
import type { ConsumeMessage } from 'amqplib';
import { PARKED_HEADERS, RETRY_HEADERS } from '@docaxis/messaging/consumer/parking-headers';
import { withoutPublishId } from '@docaxis/messaging/publisher/publish-id';
import type { CollectedParkedMessage } from '@docaxis/persistence/parked-message/parked-message.repository';

/** One entry of the broker's `x-death` header (a message it dead-lettered itself). */
interface DeathEntry {
  queue?: unknown;
  reason?: unknown;
  time?: unknown;
  'routing-keys'?: unknown;
}

/**
 * What the operators' table keeps of a delivery from the parked queue. Two kinds arrive there:
 * copies parked by a consumer (the reason in `x-docaxis-parked-*` headers) and messages the broker
 * dead-lettered itself (a consumer rejected it, or its delivery limit was reached; `x-death`
 * says where and why). Every field is derived from the message alone, so a redelivered copy
 * maps to the same `(messageId, sourceQueue, parkedAt)` and is filed once.
 */
export function collectParkedDelivery(delivery: ConsumeMessage): CollectedParkedMessage {
  const { properties, fields, content } = delivery;
  const headers = (properties.headers ?? {}) as Record<string, unknown>;
  const death = latestDeath(headers);
  const parkedAt =
    dateOf(headers[PARKED_HEADERS.at]) ??
    dateOf(death?.time) ??
    (typeof properties.timestamp === 'number' ? new Date(properties.timestamp * 1000) : null) ??
    new Date(0);
  const deathReason = textOf(death?.reason) ?? textOf(headers['x-first-death-reason']);
  const deathRoutingKey = Array.isArray(death?.['routing-keys'])
    ? textOf(death['routing-keys'][0])
    : undefined;
  const attempts = Math.max(
    numberOf(headers[RETRY_HEADERS.attempt]) + 1,
    numberOf(headers[PARKED_HEADERS.deliveryCount]) + 1,
    numberOf(headers['x-delivery-count']),
  );
  return {
    messageId: textOf(properties.messageId) ?? `sha256:${sha256(content)}`,
    messageType: textOf(properties.type) ?? null,
    sourceQueue:
      textOf(headers[PARKED_HEADERS.queue]) ??
      textOf(death?.queue) ??
      textOf(headers['x-first-death-queue']) ??
      'unknown',
    routingKey: textOf(headers[RETRY_HEADERS.routingKey]) ?? deathRoutingKey ?? fields.routingKey,
    errorCode:
      textOf(headers[PARKED_HEADERS.code]) ??
      (deathReason ? `BROKER_DEAD_LETTERED_${deathReason.toUpperCase()}` : 'UNKNOWN'),
    errorReason:
      textOf(headers[PARKED_HEADERS.reason]) ??
      (deathReason
        ? `dead-lettered by the broker (${deathReason}); the consumer's error is in its log`
        : 'no reason recorded'),
    attempts,
    headers: jsonSafe(withoutPublishId(headers)),
    properties: jsonSafe({
      contentType: properties.contentType,
      contentEncoding: properties.contentEncoding,
      correlationId: properties.correlationId,
      priority: properties.priority,
      timestamp: properties.timestamp,
      appId: properties.appId,
    }),
    body: content,
    parkedAt,
  };
}

/**
 * The death that brought the message here. The broker keeps the most recent first, and only a
 * consumer queue dead-letters to the parked queue; older entries can be retry steps' expiries
 * (which sent it back to its queue), so the oldest would name a retry queue, and redriving there
 * would make the broker drop it as a dead-letter cycle.
 */
function latestDeath(headers: Record<string, unknown>): DeathEntry | undefined {
  const deaths = headers['x-death'];
  if (!Array.isArray(deaths) || deaths.length === 0) return undefined;
  const latest = deaths[0] as unknown;
  return typeof latest === 'object' && latest !== null ? latest : undefined;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (Buffer.isBuffer(value) && value.length > 0) return value.toString('utf8');
  return undefined;
}

function numberOf(value: unknown): number {
  const number = Number(value ?? 0);
  return Number.isFinite(number) && number > 0 ? Math.floor(number) : 0;
}

function dateOf(value: unknown): Date | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  // amqplib decodes an AMQP timestamp (seconds) as { '!': 'timestamp', value }.
  if (
    typeof value === 'object' &&
    value !== null &&
    (value as { '!'?: unknown })['!'] === 'timestamp'
  ) {
    const seconds = Number((value as { value?: unknown }).value);
    return Number.isFinite(seconds) ? new Date(seconds * 1000) : null;
  }
  const text = textOf(value);
  if (text === undefined) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Headers as JSON (jsonb): Buffers become text, Dates ISO strings, undefined members vanish. */
function jsonSafe(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(value, function (this: Record<string, unknown>, key: string, item: unknown) {
      const original = this[key];
      return Buffer.isBuffer(original) ? original.toString('utf8') : item;
    }),
  ) as Record<string, unknown>;
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 56);
}
