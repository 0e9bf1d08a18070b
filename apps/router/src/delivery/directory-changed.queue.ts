import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { defineConsumerQueue } from '@docaxis/messaging/topology/consumer-queue-definition';

/** Directory changes the router acts on: an agency registered gets its inbox consumed. */
export const DIRECTORY_CHANGED_QUEUE = defineConsumerQueue({
  name: 'router.directory-changed',
  bindings: [{ exchange: 'events', routingKey: MessageTypes.DirectoryChanged }],
});
