import { randomUUID } from 'node:crypto';
import type {
  DeliveredBatchEvent,
  DispatchDelivery,
} from '@docaxis/persistence/dispatch/dispatch.repository';

/**
 * A delivery of `dispatchId` to `recipientCode` as the router asks for it, for repository specs:
 * a fresh message (mark) each call unless `messageId` is given, and the template of its
 * dispatch.delivered.batch row (what `deliver` announces).
 */
export function deliveryOf(
  dispatchId: string,
  recipientCode: string,
  messageId: string = randomUUID(),
): DispatchDelivery {
  return {
    dispatchId,
    recipientCode,
    mark: { consumer: 'router.deliver-to-inbox', messageId },
    announcement: deliveredBatchEventOf(recipientCode),
  };
}

/** The dispatch.delivered.batch template one delivering statement completes (stand-in list). */
export function deliveredBatchEventOf(recipientCode: string): DeliveredBatchEvent {
  return {
    id: randomUUID(),
    destination: 'events',
    routingKey: 'dispatch.delivered.batch',
    messageType: 'dispatch.delivered.batch',
    payload: JSON.stringify({
      recipientCode,
      deliveries: [{ dispatchId: randomUUID(), senderCode: recipientCode, deliverySeq: 0 }],
      occurredAt: new Date().toISOString(),
      actor: 'router',
    }),
    headers: '{}',
    priority: 0,
    correlationId: null,
  };
}
