import type { LogicalExchange } from '../contracts/message-types';
import { TopologyNameInvalidError } from './topology-name-invalid.error';

/**
 * Version of the queue layout, part of every queue name (`<prefix>.<name>.v1`).
 *
 * RabbitMQ refuses to redeclare a queue with different arguments (PRECONDITION_FAILED), and
 * custom arguments are not even compared, so a version in the arguments alone would change
 * nothing. An incompatible change (another delivery limit, queue type, dead-letter strategy)
 * therefore bumps this number: the new instances declare new queues beside the old ones, the old
 * ones drain and are deleted by hand. Exchanges carry no version: their only properties (type,
 * durability) are not expected to change.
 */
export const TOPOLOGY_VERSION = 1;

/** Same rule as AMQP_PREFIX in the shared config. */
const PREFIX = /^[a-z0-9][a-z0-9._-]{0,62}$/;
/** Logical queue names: readable, no spaces, agency codes (upper case) allowed. */
const QUEUE_NAME = /^[a-z0-9][A-Za-z0-9._-]{0,150}$/;

export interface TopologyNames {
  readonly prefix: string;
  readonly eventsExchange: string;
  readonly deliveryExchange: string;
  /** Topic exchange receiving dead-lettered messages with their original routing key. */
  readonly deadLetterExchange: string;
  /** Bound `#` on the dead-letter exchange: everything that could not be processed. */
  readonly parkedQueue: string;
}

export function topologyNames(prefix: string): TopologyNames {
  if (!PREFIX.test(prefix)) {
    throw new TopologyNameInvalidError(
      'AMQP prefix',
      prefix,
      'lower-case letters, digits, ".", "_" or "-", at most 63 characters',
    );
  }
  return {
    prefix,
    eventsExchange: `${prefix}.events`,
    deliveryExchange: `${prefix}.delivery`,
    deadLetterExchange: `${prefix}.dead-letter`,
    parkedQueue: queueName(prefix, 'parked'),
  };
}

export function exchangeName(names: TopologyNames, exchange: LogicalExchange): string {
  switch (exchange) {
    case 'events':
      return names.eventsExchange;
    case 'delivery':
      return names.deliveryExchange;
  }
}

/** Broker name of a logical queue: `<prefix>.<name>.v<TOPOLOGY_VERSION>`. */
export function queueName(prefix: string, name: string): string {
  assertQueueName(name);
  return `${prefix}.${name}.v${TOPOLOGY_VERSION}`;
}

export function assertQueueName(name: string): void {
  if (!QUEUE_NAME.test(name)) {
    throw new TopologyNameInvalidError(
      'queue name',
      name,
      'starts with a lower-case letter or digit; letters, digits, ".", "_" or "-"; at most 151 characters',
    );
  }
}

/**
 * Exchange (`<prefix>.retry.<delay>ms`) and queue (the same, versioned) of one retry step: named
 * by delay, so changing the configured delays declares new steps instead of clashing with the
 * TTL of existing ones.
 */
export function retryStepNames(
  prefix: string,
  delayMs: number,
): { exchange: string; queue: string } {
  return {
    exchange: `${prefix}.retry.${delayMs}ms`,
    queue: queueName(prefix, `retry.${delayMs}ms`),
  };
}
