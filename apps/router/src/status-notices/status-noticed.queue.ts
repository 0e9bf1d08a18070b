import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { defineConsumerQueue } from '@docaxis/messaging/topology/consumer-queue-definition';

/** Status notices recorded by the gateway, waiting to be put into their addressee's inbox. */
export const STATUS_NOTICED_QUEUE = defineConsumerQueue({
  name: 'router.status-noticed',
  bindings: [{ exchange: 'events', routingKey: MessageTypes.StatusNoticed }],
});
