import type { WebhookDeactivation } from '@docaxis/persistence/webhook/webhook-deactivation';

const HOUR_MS = 3_600_000;

/**
 * Whether a webhook whose every attempt has failed since `failingSince` is to be stopped by this
 * failure, made at `attemptedAt`: yes once the failures have lasted `limitHours` (0: never). Past
 * that, the receiver is not down for a moment but gone or broken, and retrying at the backoff cap
 * forever would only cost both sides and hide it; the agency reactivates the webhook once it
 * works, and catches up on what it missed from its inbox.
 */
export function persistentFailureStop(
  limitHours: number,
  attemptedAt: Date,
  lastError: string,
): (failingSince: Date) => WebhookDeactivation | null {
  return (failingSince) => {
    const failingMs = attemptedAt.getTime() - failingSince.getTime();
    if (limitHours === 0 || failingMs < limitHours * HOUR_MS) return null;
    const hours = Math.floor(failingMs / HOUR_MS);
    return {
      code: 'FAILING_PERSISTENTLY',
      reason: `every delivery attempt failed for ${hours} h (since ${failingSince.toISOString()}, the limit is ${limitHours} h); the last: ${lastError}`,
    };
  };
}
