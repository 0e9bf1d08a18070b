import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { MessageHandlerRegistry } from '@docaxis/messaging/consumer/message-handler-registry';
import { RouteDispatchUseCase } from './route-dispatch.usecase';
import { DISPATCH_VERIFIED_QUEUE } from './routing.queues';

/** Thin adapter: `dispatch.verified` messages → RouteDispatchUseCase. */
@Injectable()
export class RoutingConsumer implements OnModuleInit {
  constructor(
    private readonly registry: MessageHandlerRegistry,
    private readonly routeDispatch: RouteDispatchUseCase,
  ) {}

  onModuleInit(): void {
    this.registry
      .consume(DISPATCH_VERIFIED_QUEUE)
      .handle<typeof MessageTypes.DispatchVerified>(
        DISPATCH_VERIFIED_QUEUE,
        MessageTypes.DispatchVerified,
        (message) =>
          this.routeDispatch.execute({
            messageId: message.messageId,
            dispatchId: message.body.dispatchId,
          }),
      );
  }
}
