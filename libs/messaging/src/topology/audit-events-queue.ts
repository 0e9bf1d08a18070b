import { defineConsumerQueue } from './consumer-queue-definition';

/**
 * The audit's one queue: every event on the events exchange (`#`), whatever its type. Part of the
 * shared topology every app declares (messaging-topology.ts), not only of the audit's: events are
 * published `mandatory`, and with this queue missing (the audit not yet deployed, or the queue
 * deleted) every event would come back unroutable and its outbox row be retried forever. With it
 * an event is never unroutable, and waits there for the audit.
 */
export const AUDIT_EVENTS_QUEUE = defineConsumerQueue({
  name: 'audit.events',
  bindings: [{ exchange: 'events', routingKey: '#' }],
});
