/**
 * The names every app agrees on: logical exchanges and message types. Broker names of the
 * exchanges are derived from the configured prefix (topology/topology-names.ts); apps only use
 * the logical names below. Payload contracts: message-payloads.ts.
 */

/** Logical exchanges; the same union as the outbox's `destination` column. */
export const Exchanges = {
  /** Topic exchange: routing key = event type; the audit's queue binds `#` (always declared). */
  Events: 'events',
  /** Direct exchange: routing key = recipient agency code; one inbox queue per agency. */
  Delivery: 'delivery',
} as const;

export type LogicalExchange = (typeof Exchanges)[keyof typeof Exchanges];

export const MessageTypes = {
  DispatchSubmitted: 'dispatch.submitted',
  DispatchVerified: 'dispatch.verified',
  DispatchRejected: 'dispatch.rejected',
  DispatchRouted: 'dispatch.routed',
  /**
   * The router ended a verified dispatch its sender recalled before it was routed: withdrawn from
   * every recipient while still pending, it reached nobody (dispatch state `withdrawn`).
   */
  DispatchWithdrawn: 'dispatch.withdrawn',
  /**
   * One copy in one inbox. No longer published (since `dispatch.delivered.batch`); still
   * consumed, for what an older router wrote during a rolling upgrade, and still the audit
   * record's type of each delivery a batch lists.
   */
  DispatchDelivered: 'dispatch.delivered',
  /**
   * Copies the router put into one agency's inbox in one commit, listed in one event instead
   * of one `dispatch.delivered` each (fewer broker messages, outbox rows and consumer runs per
   * dispatch). Consumers fan it out per dispatch: contracts/batched-events.ts.
   */
  DispatchDeliveredBatch: 'dispatch.delivered.batch',
  DispatchFetched: 'dispatch.fetched',
  /**
   * One acknowledged copy. No longer published (since `dispatch.acknowledged.batch`); still
   * consumed, and the audit record's type of each acknowledgement a batch lists.
   */
  DispatchAcknowledged: 'dispatch.acknowledged',
  /** The copies one recipient acknowledged in one request (one statement), in one event. */
  DispatchAcknowledgedBatch: 'dispatch.acknowledged.batch',
  /** Refused at the door (a secret document): carries no document content. */
  DispatchRefused: 'dispatch.refused',
  /** Command, not event: one per recipient, on the delivery exchange, keyed by agency code. */
  DeliveryRequested: 'delivery.requested',
  /** An operator sent a parked message back to the queue it failed on. */
  ParkedMessageRedriven: 'parked-message.redriven',
  /** An operator discarded a parked message, with a reason. */
  ParkedMessageDiscarded: 'parked-message.discarded',
  /** A status notice (trạng thái xử lý) was recorded; the router takes it to the addressee's inbox. */
  StatusNoticed: 'status.noticed',
  /** The router put a status notice into its addressee's inbox (the axis' own delivery step). */
  StatusDelivered: 'status.delivered',
  /**
   * An operator gave up a status notice that could not be delivered (its message parked and
   * unreadable, or lost), with a reason: the notices that waited behind it are released.
   */
  StatusSkipped: 'status.skipped',
  /** The sender recalled a dispatch (thu hồi): withdrawn where neither fetched nor given a status, requested elsewhere. */
  DispatchRecalled: 'dispatch.recalled',
  /** An administrator changed the agency directory (agency or client certificate). */
  DirectoryChanged: 'directory.changed',
  /** An agency registered, deactivated or reactivated its webhook (never its secret). */
  WebhookChanged: 'webhook.changed',
} as const;

export type MessageType = (typeof MessageTypes)[keyof typeof MessageTypes];

/**
 * The exchange each type travels on. A `Record` over the union, so adding a type without
 * deciding its exchange does not compile.
 */
export const MESSAGE_EXCHANGE: Readonly<Record<MessageType, LogicalExchange>> = {
  'dispatch.submitted': 'events',
  'dispatch.verified': 'events',
  'dispatch.rejected': 'events',
  'dispatch.routed': 'events',
  'dispatch.withdrawn': 'events',
  'dispatch.delivered': 'events',
  'dispatch.delivered.batch': 'events',
  'dispatch.fetched': 'events',
  'dispatch.acknowledged': 'events',
  'dispatch.acknowledged.batch': 'events',
  'dispatch.refused': 'events',
  'delivery.requested': 'delivery',
  'parked-message.redriven': 'events',
  'parked-message.discarded': 'events',
  'status.noticed': 'events',
  'status.delivered': 'events',
  'status.skipped': 'events',
  'dispatch.recalled': 'events',
  'directory.changed': 'events',
  'webhook.changed': 'events',
};

/** Types published on the events exchange (routing key = type). */
export type EventType = Exclude<MessageType, typeof MessageTypes.DeliveryRequested>;

export const ALL_MESSAGE_TYPES: readonly MessageType[] = Object.values(MessageTypes);

/** Every event type: what the audit app must be able to record. */
export const ALL_EVENT_TYPES: readonly MessageType[] = ALL_MESSAGE_TYPES.filter(
  (type) => MESSAGE_EXCHANGE[type] === 'events',
);

export function isMessageType(value: unknown): value is MessageType {
  return typeof value === 'string' && Object.hasOwn(MESSAGE_EXCHANGE, value);
}

/** Header that carries the correlation id (also set as the AMQP `correlationId` property). */
export const CORRELATION_ID_HEADER = 'x-correlation-id';
