import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { OutboxWriter, type AnyOutboxMessageInput } from '@docaxis/messaging/outbox/outbox-writer';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';

export interface RouteDispatchCommand {
  messageId: string;
  dispatchId: string;
  correlationId?: string;
}

const CONSUMER = 'router.route-dispatch';

/**
 * Fans a verified dispatch out to its recipients: each gets a delivery message on its own
 * agency queue. State change, processed mark, delivery messages and the `dispatch.routed` event
 * commit together; a redelivered `dispatch.verified` finds its mark (or the dispatch already
 * routed) and does nothing.
 */
@Injectable()
export class RouteDispatchUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dispatches: DispatchRepository,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(command: RouteDispatchCommand): Promise<void> {
    // Idempotent like runOnce, with the processed mark written by markRouted's own statement.
    const routed = await this.dataSource.transaction(async (manager) => {
      const dispatch = await this.dispatches.markRouted(manager, command.dispatchId, {
        consumer: CONSUMER,
        messageId: command.messageId,
      });
      if (!dispatch) return false;
      const { id: dispatchId, senderCode, correlationId, priority, recipientCodes } = dispatch;
      const occurredAt = new Date().toISOString();
      // One INSERT for every delivery message and the event.
      await this.outbox.enqueueMany(manager, [
        ...recipientCodes.map((recipientCode): AnyOutboxMessageInput => ({
          destination: 'delivery',
          routingKey: recipientCode,
          messageType: MessageTypes.DeliveryRequested,
          correlationId,
          priority,
          payload: { dispatchId, recipientCode, priority, occurredAt, actor: 'router' },
        })),
        {
          destination: 'events',
          routingKey: MessageTypes.DispatchRouted,
          messageType: MessageTypes.DispatchRouted,
          correlationId,
          payload: { dispatchId, senderCode, recipientCodes, occurredAt, actor: 'router' },
        },
      ]);
      return true;
    });
    if (routed) this.relay.nudge();
  }
}
