import { defineConsumerQueue } from '@docaxis/messaging/topology/consumer-queue-definition';

/** The audit's one queue: every event on the events exchange (`#`), whatever its type. */
export const AUDIT_EVENTS_QUEUE = defineConsumerQueue({
  name: 'audit.events',
  bindings: [{ exchange: 'events', routingKey: '#' }],
});
