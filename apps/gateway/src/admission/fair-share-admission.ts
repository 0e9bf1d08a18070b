import type { PendingBySender } from '@docaxis/persistence/dispatch/verification-backlog.repository';

/** One count of the backlog, its total summed once per sample rather than once per request. */
export interface BacklogSample {
  readonly bySender: PendingBySender;
  /** Dispatches awaiting verification, all senders. */
  readonly total: number;
}

export function backlogSample(bySender: PendingBySender): BacklogSample {
  let total = 0;
  for (const count of bySender.values()) total += count;
  return { bySender, total };
}

/** Why a submission is refused: the backlog is over the limit and the sender has its share. */
export interface FairShareRefusal {
  /** Dispatches awaiting verification, all senders. */
  backlog: number;
  /** The sender's own dispatches awaiting verification. */
  pending: number;
  /** What each sender with dispatches awaiting verification may hold while over the limit. */
  fairShare: number;
}

/**
 * Admission policy, fair per sending agency. At or below the limit everyone is admitted. Above
 * it a sender is refused only when its own backlog is at or above its fair share: the limit
 * divided by the number of senders with dispatches awaiting verification (at least 1). So one
 * busy agency that filled the backlog is held back, while an agency with little or nothing
 * waiting still gets in.
 *
 * The price is that the total may exceed the limit, by an amount bounded by the number of
 * senders waiting at once, N. Above the limit a sender alone can never be admitted (its own
 * count is the total), so every such admission sees n ≥ 2 senders and raises the sender to at
 * most its share then, max(1, ⌊limit ÷ n⌋), where n counts every sender that was already waiting.
 * Starting from at most limit + 1 (the last admission at or below the limit), the k-th sender to
 * start waiting adds at most max(1, ⌊limit ÷ max(k, 2)⌋), so the total stays below
 * limit × (1.5 + ln N) + N + 1. In the case that matters, one busy sender and small ones, it is
 * limit + 1 plus what the small ones hold, each at most its share.
 *
 * @returns undefined to admit, or why not.
 */
export function refusalUnderFairShare(
  { bySender, total: backlog }: BacklogSample,
  senderCode: string,
  limit: number,
): FairShareRefusal | undefined {
  if (backlog <= limit) return undefined;
  const pending = bySender.get(senderCode) ?? 0;
  const fairShare = Math.max(1, Math.floor(limit / bySender.size));
  return pending < fairShare ? undefined : { backlog, pending, fairShare };
}
