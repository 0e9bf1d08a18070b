import type { OutboxDestination } from '@docaxis/persistence/outbox/outbox-message.entity';
import {
  OUTBOX_ROWS_INSERT,
  outboxRowsParams,
  type OutboxRow,
} from '@docaxis/persistence/outbox/outbox-row';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { checkPayload, type MessagePayloads } from '../contracts/message-payloads';
import { isMessageType, MESSAGE_EXCHANGE, type MessageType } from '../contracts/message-types';
import { OutboxMessageInvalidError } from './outbox-message-invalid.error';

export interface OutboxMessageInput<T extends MessageType = MessageType> {
  destination: OutboxDestination;
  /** Events: the type itself. Delivery: the recipient agency code. */
  routingKey: string;
  messageType: T;
  payload: MessagePayloads[T];
  correlationId?: string | null;
  headers?: Record<string, string>;
  /** 0–255, higher first; the relay publishes due rows in this order. */
  priority?: number | null;
}

/** Any one message, with payload typed by its own messageType (for batches of mixed types). */
export type AnyOutboxMessageInput = { [T in MessageType]: OutboxMessageInput<T> }[MessageType];

/** A parked message sent back to the one queue it failed on (an operator's redrive). */
export interface RedriveOutboxInput {
  /** Broker queue name. */
  queue: string;
  /** Kept from the parked message: consumers still recognise what they already did. */
  messageId: string;
  messageType: string;
  payload: Record<string, unknown>;
  headers: Record<string, string>;
  priority: number;
  correlationId: string | null;
}

/**
 * Writes messages into `outbox_messages` inside the caller's transaction (transactional outbox):
 * the state change and the messages announcing it commit or roll back together, and the relay
 * publishes only committed rows. Each message gets a UUIDv7 id, which becomes its AMQP messageId.
 * Messages are checked against their contract here, so a bad payload fails the business
 * transaction instead of being parked later.
 */
export class OutboxWriter {
  /** Inserts one message; returns its id. `manager` must belong to the caller's transaction. */
  async enqueue<T extends MessageType>(
    manager: EntityManager,
    message: OutboxMessageInput<T>,
  ): Promise<string> {
    const [id] = await this.enqueueMany(manager, [message as AnyOutboxMessageInput]);
    return id;
  }

  /**
   * Inserts a redrive: addressed to one queue, under the parked message's own id and type (not
   * checked against a contract: it is the message as it was, and its consumer checks it again).
   */
  async enqueueRedrive(manager: EntityManager, redrive: RedriveOutboxInput): Promise<string> {
    const id = uuidv7();
    await manager.query(
      `INSERT INTO outbox_messages
         (id, destination, message_id, routing_key, message_type, payload, headers, priority,
          correlation_id)
       VALUES ($1, 'queue', $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        redrive.messageId,
        redrive.queue,
        redrive.messageType,
        JSON.stringify(redrive.payload),
        JSON.stringify(redrive.headers),
        redrive.priority,
        redrive.correlationId,
      ],
    );
    return id;
  }

  /** Inserts many messages with one INSERT; returns their ids in order. */
  async enqueueMany(
    manager: EntityManager,
    messages: readonly AnyOutboxMessageInput[],
  ): Promise<string[]> {
    const rows = messages.map((message) => outboxRowOf(message));
    if (rows.length > 0) await manager.query(OUTBOX_ROWS_INSERT, outboxRowsParams(rows));
    return rows.map((row) => row.id);
  }
}

/**
 * The checked row of one message: `enqueueMany` inserts it, and a repository that writes it in
 * the same statement as the state change it announces (one round trip, no explicit transaction,
 * e.g. a submission) takes it as is.
 */
export function outboxRowOf(message: AnyOutboxMessageInput): OutboxRow {
  const { destination, routingKey, messageType, payload, correlationId, headers } = message;
  const priority = message.priority ?? 0;
  const problems: string[] = [];
  if (!isMessageType(messageType)) {
    throw new OutboxMessageInvalidError(String(messageType), ['not a known message type']);
  }
  if (MESSAGE_EXCHANGE[messageType] !== destination) {
    problems.push(`travels on "${MESSAGE_EXCHANGE[messageType]}", not "${destination}"`);
  }
  if (!routingKey || routingKey.length > 255)
    problems.push('routingKey must be 1 to 255 characters');
  if (!Number.isInteger(priority) || priority < 0 || priority > 255) {
    problems.push(`priority must be an integer from 0 to 255, got ${priority}`);
  }
  if (correlationId && correlationId.length > 64)
    problems.push('correlationId is longer than 64 characters');
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (typeof value !== 'string') problems.push(`header "${name}" is not a string`);
  }
  const check = checkPayload(messageType, payload);
  if (!check.ok) problems.push(...check.problems);
  if (problems.length > 0) throw new OutboxMessageInvalidError(messageType, problems);
  return {
    id: uuidv7(),
    destination,
    routingKey,
    messageType,
    payload: JSON.stringify(payload),
    headers: JSON.stringify(headers ?? {}),
    priority,
    correlationId: correlationId ?? null,
  };
}
