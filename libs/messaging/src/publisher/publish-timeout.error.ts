import { UnavailableError } from '@docaxis/errors/domain-error-kinds';

/** No broker confirm within the publish time-out: the message may or may not have arrived. */
export class PublishTimeoutError extends UnavailableError {
  constructor(messageId: string, exchange: string, timeoutMs: number, waitingFor: string) {
    super(
      'MESSAGING_PUBLISH_TIMEOUT',
      `Publishing message ${messageId} to "${exchange}" timed out after ${timeoutMs} ms while waiting for ${waitingFor}`,
      { messageId, exchange, timeoutMs, waitingFor },
      {
        vi: `Hệ thống chuyển thông điệp không xác nhận thông điệp ${messageId} trong ${timeoutMs} ms; thông điệp có thể đã hoặc chưa được chuyển, vui lòng thử lại sau.`,
      },
    );
  }
}
