import { defineConsumerQueue } from '@docaxis/messaging/topology/consumer-queue-definition';
import { INBOX_EVENT_TYPES } from './inbox-event-audience';

/** Every event that lands in an agency's inbox, for its webhook. */
export const INBOX_EVENTS_QUEUE = defineConsumerQueue({
  name: 'notifier.inbox-events',
  bindings: INBOX_EVENT_TYPES.map((type) => ({ exchange: 'events' as const, routingKey: type })),
});
