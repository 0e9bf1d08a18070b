import { UnavailableError } from '@docaxis/errors/domain-error-kinds';

/**
 * The broker returned a `mandatory` publish: no queue is bound for its routing key (for the
 * delivery exchange: the recipient's inbox queue was never declared). Retrying after the queue
 * exists succeeds, hence "unavailable" rather than a refusal.
 */
export class MessageUnroutableError extends UnavailableError {
  constructor(messageId: string, exchange: string, routingKey: string, replyText: string) {
    super(
      'MESSAGING_UNROUTABLE',
      `Message ${messageId} to "${exchange}" with routing key "${routingKey}" was returned unroutable (${replyText})`,
      { messageId, exchange, routingKey },
      {
        vi: `Thông điệp ${messageId} chưa chuyển được vì nơi nhận chưa sẵn sàng; vui lòng thử lại sau.`,
      },
    );
  }
}
