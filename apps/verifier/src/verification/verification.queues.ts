import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { defineConsumerQueue } from '@docaxis/messaging/topology/consumer-queue-definition';

/** Submitted dispatches waiting for their signatures to be verified. */
export const DISPATCH_SUBMITTED_QUEUE = defineConsumerQueue({
  name: 'verifier.dispatch-submitted',
  // Khẩn and above overtake a backlog of normal dispatches.
  urgentLane: true,
  bindings: [{ exchange: 'events', routingKey: MessageTypes.DispatchSubmitted }],
});
