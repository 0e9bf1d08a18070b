import { RetryLaterError } from '@docaxis/messaging/consumer/retry-later.error';

/**
 * A dispatch whose revocation status could not be established yet, still inside its retry
 * window: the consumer host tries its message again later instead of parking it.
 */
export class RevocationStatusPendingError extends RetryLaterError {
  constructor(dispatchId: string, retryUntil: Date, reason: string) {
    super(
      'REVOCATION_STATUS_PENDING',
      `revocation status of dispatch ${dispatchId} unavailable; verifying it again later, until ${retryUntil.toISOString()}: ${reason}`,
      { dispatchId, retryUntil: retryUntil.toISOString() },
    );
  }
}
