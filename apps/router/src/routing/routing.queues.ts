import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { defineConsumerQueue } from '@docaxis/messaging/topology/consumer-queue-definition';

/** Verified dispatches waiting to be fanned out to their recipients. */
export const DISPATCH_VERIFIED_QUEUE = defineConsumerQueue({
  name: 'router.dispatch-verified',
  // Khẩn and above overtake a backlog of normal dispatches.
  urgentLane: true,
  bindings: [{ exchange: 'events', routingKey: MessageTypes.DispatchVerified }],
});
