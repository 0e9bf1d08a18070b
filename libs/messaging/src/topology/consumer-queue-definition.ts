import { isValidAgencyCode } from '@docaxis/edxml/agency-code/agency-code';
import type { LogicalExchange } from '../contracts/message-types';
import { TopologyNameInvalidError } from './topology-name-invalid.error';
import { assertQueueName } from './topology-names';

export interface QueueBinding {
  readonly exchange: LogicalExchange;
  /** Topic pattern on `events` (`dispatch.submitted`, `dispatch.*`, `#`); agency code on `delivery`. */
  readonly routingKey: string;
}

/** A queue an app consumes, described by logical names; the topology turns it into broker names. */
export interface ConsumerQueueDefinition {
  /** Logical name, e.g. `verifier.dispatch-submitted`; the broker name adds prefix and version. */
  readonly name: string;
  readonly bindings: readonly QueueBinding[];
  /**
   * Urgent messages (Khẩn and above) get a queue of their own, `<name>.urgent`, consumed beside
   * this one so they overtake a backlog (topology/delivery-lanes.ts). Default false.
   */
  readonly urgentLane?: boolean;
}

const TOPIC_PATTERN = /^(?:[A-Za-z0-9_-]+|\*|#)(?:\.(?:[A-Za-z0-9_-]+|\*|#))*$/;

export function defineConsumerQueue(definition: ConsumerQueueDefinition): ConsumerQueueDefinition {
  assertQueueName(definition.name);
  if (definition.bindings.length === 0) {
    throw new TopologyNameInvalidError(
      'queue definition',
      definition.name,
      'needs at least one binding',
    );
  }
  for (const binding of definition.bindings) {
    const valid =
      binding.exchange === 'events'
        ? TOPIC_PATTERN.test(binding.routingKey) && binding.routingKey.length <= 255
        : isValidAgencyCode(binding.routingKey);
    if (!valid) {
      throw new TopologyNameInvalidError(
        `binding of ${definition.name} on ${binding.exchange}`,
        binding.routingKey,
        binding.exchange === 'events'
          ? 'a topic pattern of dot-separated words, "*" or "#"'
          : 'an agency code (delivery is routed by recipient agency code)',
      );
    }
  }
  return Object.freeze({
    name: definition.name,
    bindings: Object.freeze(definition.bindings.map((b) => Object.freeze({ ...b }))),
    ...(definition.urgentLane ? { urgentLane: true } : {}),
  });
}

/** The inbox queue of one agency: everything the delivery exchange routes to its code. */
export function agencyInboxQueue(agencyCode: string): ConsumerQueueDefinition {
  if (!isValidAgencyCode(agencyCode)) {
    throw new TopologyNameInvalidError('agency code', agencyCode, 'not a valid agency code');
  }
  return defineConsumerQueue({
    name: `inbox.${agencyCode}`,
    bindings: [{ exchange: 'delivery', routingKey: agencyCode }],
    urgentLane: true,
  });
}
