import { type LoadClock, realLoadClock } from './load-clock';

/** Waits before each retry: four retries within ~0.75 s, short next to a scenario's seconds. */
export const TRANSIENT_RETRY_BACKOFF_MS: readonly number[] = [50, 100, 200, 400];

/**
 * A failure worth sending again: no answer (status 0, the bench client's reading of a reset
 * socket or a "socket hang up") or a 5xx. A 4xx is the request's own fault and stays an error.
 */
export function isTransientFailure({ status }: { status: number }): boolean {
  return status === 0 || status >= 500;
}

/**
 * Sends until the answer is not a transient failure, at most once more per backoff step, calling
 * `onRetry` before each retry. Answers the last response, so a failure that outlasts the retries
 * is still the caller's error. Only for requests that are safe to repeat: an inbox poll reads,
 * and acknowledging a dispatch again answers `already_acknowledged`. The backoff waits on
 * `clock`: the load run's own, so a spec's virtual clock covers them too.
 */
export async function sendRetryingTransientFailures<Response extends { status: number }>(
  send: () => Promise<Response>,
  onRetry: () => void,
  clock: Pick<LoadClock, 'sleep'> = realLoadClock,
  backoffMs: readonly number[] = TRANSIENT_RETRY_BACKOFF_MS,
): Promise<Response> {
  let response = await send();
  for (const delay of backoffMs) {
    if (!isTransientFailure(response)) break;
    onRetry();
    await clock.sleep(delay);
    response = await send();
  }
  return response;
}
