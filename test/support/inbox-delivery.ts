import { randomUUID } from 'node:crypto';
import type { DispatchDelivery } from '@docaxis/persistence/dispatch/dispatch.repository';

/**
 * A delivery of `dispatchId` to `recipientCode` as the router asks for it, for repository specs:
 * a fresh message (mark) each call unless `messageId` is given, and a dispatch.delivered row.
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
    announcement: {
      id: randomUUID(),
      destination: 'events',
      routingKey: 'dispatch.delivered',
      messageType: 'dispatch.delivered',
      payload: JSON.stringify({
        dispatchId,
        recipientCode,
        deliverySeq: 0,
        occurredAt: new Date().toISOString(),
        actor: 'router',
      }),
      headers: '{}',
      priority: 0,
      correlationId: null,
    },
  };
}
