import { createHash } from 'node:crypto';
import type { MessagePayloads } from './message-payloads';
import { MessageTypes } from './message-types';

/**
 * Events that list several dispatches (one per delivering statement, one per acknowledgement
 * request) where the axis used to publish one event per dispatch. Consumers that act per
 * dispatch (the audit trail, the webhooks) fan them out here, into exactly what the per-dispatch
 * event carried, so their records and external payloads keep the per-dispatch shape.
 */
export const PER_DISPATCH_TYPE_OF_BATCH = {
  [MessageTypes.DispatchDeliveredBatch]: MessageTypes.DispatchDelivered,
  [MessageTypes.DispatchAcknowledgedBatch]: MessageTypes.DispatchAcknowledged,
} as const;

export type BatchedEventType = keyof typeof PER_DISPATCH_TYPE_OF_BATCH;
export type PerDispatchEventType = (typeof PER_DISPATCH_TYPE_OF_BATCH)[BatchedEventType];

export function isBatchedEventType(type: string): type is BatchedEventType {
  return Object.hasOwn(PER_DISPATCH_TYPE_OF_BATCH, type);
}

/** One dispatch's share of a batched event. */
export type PerDispatchEvent = {
  [T in PerDispatchEventType]: {
    /** Its position in the batch: with the message id, its stable identity (`batchItemId`). */
    index: number;
    type: T;
    /** The body the per-dispatch event of this type carries. */
    body: MessagePayloads[T];
    /** The dispatch's correlation id, when the batch carries one per item. */
    correlationId?: string;
  };
}[PerDispatchEventType];

/** The per-dispatch events a batched event stands for, in its order. `body` must be valid. */
export function perDispatchEventsOf<T extends BatchedEventType>(
  type: T,
  body: MessagePayloads[T],
): PerDispatchEvent[] {
  const { occurredAt, actor, recipientCode } = body;
  if (type === MessageTypes.DispatchDeliveredBatch) {
    const { deliveries } = body as MessagePayloads['dispatch.delivered.batch'];
    return deliveries.map((copy, index) => ({
      index,
      type: MessageTypes.DispatchDelivered,
      body: {
        dispatchId: copy.dispatchId,
        senderCode: copy.senderCode,
        recipientCode,
        deliverySeq: copy.deliverySeq,
        occurredAt,
        actor,
      },
      ...(copy.correlationId === undefined ? {} : { correlationId: copy.correlationId }),
    }));
  }
  const { acknowledgements } = body as MessagePayloads['dispatch.acknowledged.batch'];
  return acknowledgements.map((copy, index) => ({
    index,
    type: MessageTypes.DispatchAcknowledged,
    body: {
      dispatchId: copy.dispatchId,
      senderCode: copy.senderCode,
      recipientCode,
      occurredAt,
      actor,
    },
  }));
}

/** Longest id the consumers store for one item (audit_records.event_id). */
const MAX_ITEM_ID_LENGTH = 64;

/**
 * The identity of a batch's `index`-th item, for consumers that record each item once: derived
 * from the message id and the position only, so a redelivered batch (same id, same body) maps
 * every item to the same id again. `<messageId>#<index>`, or, when that would not fit 64
 * characters, `sha256:` and 56 hex digits of it.
 */
export function batchItemId(messageId: string, index: number): string {
  const id = `${messageId}#${index}`;
  if (id.length <= MAX_ITEM_ID_LENGTH) return id;
  return `sha256:${createHash('sha256').update(id).digest('hex').slice(0, 56)}`;
}
