import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { MessageHandlerRegistry } from '@docaxis/messaging/consumer/message-handler-registry';
import { VERIFIER_CONFIG } from './verifier-config.token';
import type { VerifierConfig } from '../config/verifier.config';
import { DISPATCH_SUBMITTED_QUEUE } from './verification.queues';
import { VerifyDispatchUseCase } from './verify-dispatch.usecase';

/** Thin adapter: `dispatch.submitted` messages → VerifyDispatchUseCase. */
@Injectable()
export class VerificationConsumer implements OnModuleInit {
  constructor(
    private readonly registry: MessageHandlerRegistry,
    private readonly verifyDispatch: VerifyDispatchUseCase,
    @Inject(VERIFIER_CONFIG) private readonly config: VerifierConfig,
  ) {}

  onModuleInit(): void {
    this.registry
      .consume(DISPATCH_SUBMITTED_QUEUE, { prefetch: this.config.VERIFIER_PREFETCH })
      .handle(DISPATCH_SUBMITTED_QUEUE, MessageTypes.DispatchSubmitted, (message) =>
        this.verifyDispatch.execute({
          messageId: message.messageId,
          dispatchId: message.body.dispatchId,
        }),
      );
  }
}
