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
