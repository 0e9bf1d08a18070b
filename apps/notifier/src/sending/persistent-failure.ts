import { WebhookDeactivationWording } from '@docaxis/persistence/webhook/webhook-deactivation-wording';
import type { WebhookDeactivation } from '@docaxis/persistence/webhook/webhook-deactivation';

const HOUR_MS = 3_600_000;

/**
 * Whether a webhook whose every attempt has failed since `failingSince` is to be stopped by this
 * failure, made at `attemptedAt`: yes once the failures have lasted `limitHours` (0: never). Past
 * that, the receiver is not down for a moment but gone or broken, and retrying at the backoff cap
 * forever would only cost both sides and hide it; the agency reactivates the webhook once it
 * works, and catches up on what it missed from its inbox. The repository asks it about the
 * streak's start as it stands when the failure is filed.
 */
export function persistentFailureStop(
  limitHours: number,
  attemptedAt: Date,
  lastError: string,
): (failingSince: Date) => WebhookDeactivation | null {
  const failingSinceAtMost = new Date(attemptedAt.getTime() - limitHours * HOUR_MS);
  return (failingSince) => {
    if (limitHours === 0 || failingSince > failingSinceAtMost) return null;
    const hours = Math.floor((attemptedAt.getTime() - failingSince.getTime()) / HOUR_MS);
    return WebhookDeactivationWording.failingPersistently({
      hours,
      failingSince,
      limitHours,
      lastError,
    });
  };
}
