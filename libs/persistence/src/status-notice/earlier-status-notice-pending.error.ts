import { ConflictError } from '@docaxis/errors/domain-error-kinds';

/**
 * A status notice reached the router before an earlier notice of the same recipient to the same
 * addressee was delivered (competing consumers may take them in either order). It is retried
 * later, so the addressee's inbox shows a recipient's notices in the order they were given.
 */
export class EarlierStatusNoticePendingError extends ConflictError {
  constructor(statusNoticeId: string) {
    super(
      'EARLIER_STATUS_NOTICE_PENDING',
      `Status notice ${statusNoticeId} waits for an earlier notice of the same recipient to be delivered first`,
      { statusNoticeId },
    );
  }
}
