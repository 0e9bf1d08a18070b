import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';
import type { Options } from 'amqplib';
import { CORRELATION_ID_HEADER, type LogicalExchange } from '../contracts/message-types';

export interface OutboundMessage {
  exchange: LogicalExchange;
  routingKey: string;
  /** Consumers deduplicate on it; the outbox row id when published by the relay. */
  messageId: string;
  /** The contract name, e.g. `dispatch.submitted`: the AMQP `type` property. */
  type: string;
  body: object;
  correlationId?: string;
  headers?: Record<string, string>;
  /**
   * 0–255. Quorum queues have no priorities on 3.x: Khẩn (1) and above travel on the urgent lane
   * (topology/delivery-lanes.ts), and the outbox relay publishes higher priorities first.
   */
  priority?: number;
}

/**
 * AMQP properties of a message: persistent JSON with id, type and correlation id, the correlation
 * id also as a header so tools that only show headers still let one follow a dispatch.
 */
export function publishOptionsFor(message: OutboundMessage, appId?: string): Options.Publish {
  const { messageId, type, correlationId, priority } = message;
  if (!messageId || messageId.length > 255) {
    throw new InvalidInputError(
      'MESSAGING_MESSAGE_INVALID',
      'messageId must be 1 to 255 characters',
    );
  }
  if (!type || type.length > 255) {
    throw new InvalidInputError('MESSAGING_MESSAGE_INVALID', 'type must be 1 to 255 characters');
  }
  if (priority !== undefined && (!Number.isInteger(priority) || priority < 0 || priority > 255)) {
    throw new InvalidInputError(
      'MESSAGING_MESSAGE_INVALID',
      `priority must be 0 to 255, got ${priority}`,
    );
  }
  const headers: Record<string, string> = { ...message.headers };
  if (correlationId) headers[CORRELATION_ID_HEADER] = correlationId;
  return {
    persistent: true,
    mandatory: true,
    contentType: 'application/json',
    contentEncoding: 'utf-8',
    messageId,
    type,
    correlationId,
    priority,
    timestamp: Math.floor(Date.now() / 1000),
    appId,
    headers,
  };
}

export function encodeBody(body: object): Buffer {
  return Buffer.from(JSON.stringify(body), 'utf8');
}
