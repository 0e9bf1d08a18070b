import { TOPOLOGY_VERSION, type TopologyNames } from './topology-names';

export const DEFAULT_DELIVERY_LIMIT = 5;

/** Informational: RabbitMQ does not compare custom arguments, the queue name carries the version. */
const VERSION_ARGUMENT = 'x-docaxis-topology-version';

/**
 * Arguments of every consumer queue. Quorum queues replicate and survive a node loss; they count
 * deliveries (`x-delivery-count`) and, past `x-delivery-limit` returns, dead-letter the message to
 * the parked queue. `at-least-once` dead-lettering only holds with `reject-publish` overflow,
 * which RabbitMQ requires for that strategy.
 */
export function consumerQueueArguments(
  names: TopologyNames,
  deliveryLimit: number,
): Record<string, unknown> {
  if (!Number.isInteger(deliveryLimit) || deliveryLimit < 0) {
    throw new RangeError(`deliveryLimit must be a non-negative integer, got ${deliveryLimit}`);
  }
  return {
    'x-queue-type': 'quorum',
    'x-dead-letter-exchange': names.deadLetterExchange,
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
    'x-delivery-limit': deliveryLimit,
    [VERSION_ARGUMENT]: TOPOLOGY_VERSION,
  };
}

/** The parked queue keeps what could not be processed until an operator looks: no dead-lettering. */
export function parkedQueueArguments(): Record<string, unknown> {
  return { 'x-queue-type': 'quorum', [VERSION_ARGUMENT]: TOPOLOGY_VERSION };
}

/**
 * A retry step: holds messages `delayMs`, then dead-letters them through the default exchange
 * with the routing key they were published with (the broker name of the queue they failed on),
 * i.e. straight back into that queue. Quorum (TTL and at-least-once dead-lettering since 3.10),
 * so a broker restart loses nothing waiting here.
 */
export function retryQueueArguments(delayMs: number): Record<string, unknown> {
  return {
    'x-queue-type': 'quorum',
    'x-message-ttl': delayMs,
    'x-dead-letter-exchange': '',
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
    [VERSION_ARGUMENT]: TOPOLOGY_VERSION,
  };
}
