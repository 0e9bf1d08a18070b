import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { MessageHandlerRegistry } from '@docaxis/messaging/consumer/message-handler-registry';
import { DeliverStatusNoticeUseCase } from './deliver-status-notice.usecase';
import { STATUS_NOTICED_QUEUE } from './status-noticed.queue';

/** Thin adapter: `status.noticed` messages → DeliverStatusNoticeUseCase. */
@Injectable()
export class StatusNoticeDeliveryConsumer implements OnModuleInit {
  constructor(
    private readonly registry: MessageHandlerRegistry,
    private readonly deliverNotice: DeliverStatusNoticeUseCase,
  ) {}

  onModuleInit(): void {
    this.registry
      .consume(STATUS_NOTICED_QUEUE)
      .handle<typeof MessageTypes.StatusNoticed>(
        STATUS_NOTICED_QUEUE,
        MessageTypes.StatusNoticed,
        (message) =>
          this.deliverNotice.execute({
            messageId: message.messageId,
            correlationId: message.correlationId,
            notice: message.body,
          }),
      );
  }
}
