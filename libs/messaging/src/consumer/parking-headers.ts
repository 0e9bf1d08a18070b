/** Headers a parked copy carries, so an operator reading the parked queue sees why it is there. */
export const PARKED_HEADERS = {
  code: 'x-docaxis-parked-code',
  reason: 'x-docaxis-parked-reason',
  queue: 'x-docaxis-parked-from',
  at: 'x-docaxis-parked-at',
  deliveryCount: 'x-docaxis-delivery-count',
} as const;

const MAX_REASON_LENGTH = 2000;

/**
 * The original headers plus the parking facts. `x-delivery-count` is renamed: in the parked
 * (quorum) queue it would be mistaken for that queue's own count.
 */
export function parkingHeaders(
  original: Record<string, unknown> | undefined,
  parking: { code: string; reason: string; queue: string },
  now: Date = new Date(),
): Record<string, unknown> {
  const { ['x-delivery-count']: deliveryCount, ...rest } = original ?? {};
  return {
    ...rest,
    [PARKED_HEADERS.code]: parking.code,
    [PARKED_HEADERS.reason]: parking.reason.slice(0, MAX_REASON_LENGTH),
    [PARKED_HEADERS.queue]: parking.queue,
    [PARKED_HEADERS.at]: now.toISOString(),
    [PARKED_HEADERS.deliveryCount]: Number(deliveryCount ?? 0),
  };
}

/** Headers a retry copy carries: where it first came from, how often it failed, and why. */
export const RETRY_HEADERS = {
  /** Failed attempts so far. */
  attempt: 'x-docaxis-attempt',
  lastError: 'x-docaxis-last-error',
  /** The routing key and exchange it was first published with (a retry arrives by queue name). */
  routingKey: 'x-docaxis-routing-key',
  exchange: 'x-docaxis-exchange',
} as const;

/** Failed attempts recorded on a message (0 for a first delivery). */
export function attemptOf(headers: Readonly<Record<string, unknown>> | undefined): number {
  const value = Number(headers?.[RETRY_HEADERS.attempt] ?? 0);
  return Number.isInteger(value) && value > 0 ? value : 0;
}

/** Routing key the message was first published with (retries arrive keyed by queue name). */
export function originalRoutingKey(delivery: {
  fields: { routingKey: string };
  properties: { headers?: Record<string, unknown> };
}): string {
  const kept = delivery.properties.headers?.[RETRY_HEADERS.routingKey];
  return typeof kept === 'string' && kept.length > 0 ? kept : delivery.fields.routingKey;
}

/** Headers of the copy sent to a retry step: the originals plus attempt, error and origin. */
export function retryHeaders(
  delivery: {
    fields: { routingKey: string; exchange: string };
    properties: { headers?: Record<string, unknown> };
  },
  retry: { attempt: number; reason: string },
): Record<string, unknown> {
  const { ['x-delivery-count']: _count, ...rest } = delivery.properties.headers ?? {};
  const exchange = rest[RETRY_HEADERS.exchange];
  return {
    ...rest,
    [RETRY_HEADERS.attempt]: retry.attempt,
    [RETRY_HEADERS.lastError]: retry.reason.slice(0, MAX_REASON_LENGTH),
    [RETRY_HEADERS.routingKey]: originalRoutingKey(delivery),
    [RETRY_HEADERS.exchange]: typeof exchange === 'string' ? exchange : delivery.fields.exchange,
  };
}
