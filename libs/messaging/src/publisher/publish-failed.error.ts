import { UnavailableError } from '@docaxis/errors/domain-error-kinds';

/** The broker nacked the publish, or the channel closed before its confirm arrived. */
export class PublishFailedError extends UnavailableError {
  constructor(messageId: string, exchange: string, reason: string) {
    super(
      'MESSAGING_PUBLISH_FAILED',
      `Publishing message ${messageId} to "${exchange}" failed: ${reason}`,
      { messageId, exchange },
      {
        vi: `Không gửi được thông điệp ${messageId} tới hệ thống chuyển thông điệp; vui lòng thử lại sau.`,
      },
    );
  }
}
