import { UnavailableError } from '@docaxis/errors/domain-error-kinds';

/** The broker connection is not usable (not started yet, closed, or recovery gave up). */
export class MessagingUnavailableError extends UnavailableError {
  constructor(reason: string) {
    super('MESSAGING_UNAVAILABLE', `RabbitMQ is not available: ${reason}`, undefined, {
      vi: 'Hệ thống chuyển thông điệp của trục tạm thời không sẵn sàng; vui lòng thử lại sau.',
    });
  }
}
