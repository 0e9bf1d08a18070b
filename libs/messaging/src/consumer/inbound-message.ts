import type { ConsumeMessage } from 'amqplib';
import { CORRELATION_ID_HEADER } from '../contracts/message-types';
import { withoutPublishId } from '../publisher/publish-id';
import { baseRoutingKey } from '../topology/delivery-lanes';
import { originalRoutingKey, RETRY_HEADERS } from './parking-headers';

/** A delivered message, decoded: what a handler receives. */
export interface InboundMessage<TBody = unknown> {
  readonly messageId: string;
  /** The contract name (AMQP `type`), e.g. `dispatch.submitted`. */
  readonly type: string;
  readonly correlationId?: string;
  /** The parsed JSON body (checked against the type's contract when it goes through the registry). */
  readonly body: TBody;
  /** The broker delivered it before (to this or another consumer) without an ack. */
  readonly redelivered: boolean;
  /** Earlier deliveries that ended without an ack (quorum queues' `x-delivery-count`); 0 the first time. */
  readonly deliveryCount: number;
  readonly headers: Readonly<Record<string, unknown>>;
  /** Exchange it was first published to (a retried message arrives through the default one). */
  readonly exchange: string;
  /** Routing key it was published with, without its lane (`dispatch.submitted`, an agency code). */
  readonly routingKey: string;
  /** AMQP timestamp property, when the publisher set one. */
  readonly publishedAt?: Date;
}

export type InboundParseResult =
  | { readonly ok: true; readonly message: InboundMessage }
  | { readonly ok: false; readonly reason: string };

const JSON_CONTENT_TYPES = new Set(['application/json', 'text/json']);

/**
 * Decodes a delivery, or says why it cannot be handled at all (such a message is parked at once:
 * redelivering it would fail the same way). A message must have a messageId (consumers
 * deduplicate on it), a type (handlers are chosen by it) and a JSON object as body.
 */
export function parseInboundMessage(delivery: ConsumeMessage): InboundParseResult {
  const { properties, fields, content } = delivery;
  const headers = (properties.headers ?? {}) as Record<string, unknown>;
  const messageId = asText(properties.messageId);
  if (!messageId) return { ok: false, reason: 'no messageId property' };
  const type = asText(properties.type);
  if (!type) return { ok: false, reason: 'no type property' };
  const contentType = asText(properties.contentType);
  if (contentType && !JSON_CONTENT_TYPES.has(contentType.split(';')[0].trim().toLowerCase())) {
    return { ok: false, reason: `content type "${contentType}" is not JSON` };
  }
  let body: unknown;
  try {
    body = JSON.parse(content.toString('utf8')) as unknown;
  } catch (error) {
    return { ok: false, reason: `body is not valid JSON (${(error as Error).message})` };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, reason: 'body is not a JSON object' };
  }
  const deliveryCount = Number(headers['x-delivery-count'] ?? 0);
  const timestamp = properties.timestamp as unknown;
  return {
    ok: true,
    message: {
      messageId,
      type,
      correlationId: asText(properties.correlationId) ?? asText(headers[CORRELATION_ID_HEADER]),
      body,
      redelivered: fields.redelivered,
      deliveryCount: Number.isFinite(deliveryCount) && deliveryCount > 0 ? deliveryCount : 0,
      headers: withoutPublishId(headers),
      exchange: asText(headers[RETRY_HEADERS.exchange]) ?? fields.exchange,
      routingKey: baseRoutingKey(originalRoutingKey(delivery)),
      publishedAt: typeof timestamp === 'number' ? new Date(timestamp * 1000) : undefined,
    },
  };
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (Buffer.isBuffer(value) && value.length > 0) return value.toString('utf8');
  return undefined;
}
