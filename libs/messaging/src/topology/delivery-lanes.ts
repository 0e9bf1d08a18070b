import type { ConsumerQueueDefinition, QueueBinding } from './consumer-queue-definition';

/**
 * Delivery lanes: quorum queues have no message priorities on RabbitMQ 3.x, so urgency travels
 * on a lane of its own. A message whose priority is at least URGENT_LANE_MIN_PRIORITY is
 * published with the routing key `urgent.<key>`; a queue defined with `urgentLane` gets a twin
 * queue `<name>.urgent` bound on those keys and consumed on its own channel, so an urgent
 * message never waits behind a backlog of normal ones, on any number of instances. A queue
 * without a lane is bound on both keys and receives everything as before.
 *
 * Khẩn (1), Thượng khẩn (2) and Hỏa tốc (3) all take the urgent lane: NĐ 30/2020 has all three
 * "handled at once". Inside the lane the outbox relay still publishes higher priorities first.
 */
export type DeliveryLane = 'normal' | 'urgent';

export const DELIVERY_LANES: readonly DeliveryLane[] = ['urgent', 'normal'];

/** Khẩn and above. */
export const URGENT_LANE_MIN_PRIORITY = 1;

const URGENT_PREFIX = 'urgent.';

export function laneOfPriority(priority: number | undefined): DeliveryLane {
  return (priority ?? 0) >= URGENT_LANE_MIN_PRIORITY ? 'urgent' : 'normal';
}

/** The routing key a message of `lane` is published with. */
export function laneRoutingKey(lane: DeliveryLane, routingKey: string): string {
  return lane === 'urgent' ? `${URGENT_PREFIX}${routingKey}` : routingKey;
}

/** The routing key without its lane (what bindings and contracts speak of). */
export function baseRoutingKey(routingKey: string): string {
  return routingKey.startsWith(URGENT_PREFIX) ? routingKey.slice(URGENT_PREFIX.length) : routingKey;
}

/** One broker queue of a consumer queue definition: its lane, logical name and bindings. */
export interface LaneQueue {
  readonly lane: DeliveryLane | 'both';
  /** Logical name (`inbox.000.00.00.G22`, `inbox.000.00.00.G22.urgent`). */
  readonly name: string;
  readonly bindings: readonly QueueBinding[];
}

/**
 * The broker queues behind one definition, the urgent one first (consumers start it first): two
 * with a lane, else one queue bound on both the plain and the `urgent.` keys.
 */
export function laneQueuesOf(queue: ConsumerQueueDefinition): LaneQueue[] {
  const urgentBindings = queue.bindings.map((b) => ({
    ...b,
    routingKey: laneRoutingKey('urgent', b.routingKey),
  }));
  if (!queue.urgentLane) {
    return [{ lane: 'both', name: queue.name, bindings: [...queue.bindings, ...urgentBindings] }];
  }
  return [
    { lane: 'urgent', name: `${queue.name}.urgent`, bindings: urgentBindings },
    { lane: 'normal', name: queue.name, bindings: queue.bindings },
  ];
}
