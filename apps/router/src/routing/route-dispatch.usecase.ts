import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { runOnce } from '@docaxis/messaging/inbox/run-once';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';

export interface RouteDispatchCommand {
  messageId: string;
  dispatchId: string;
  correlationId?: string;
}

const CONSUMER = 'router.route-dispatch';

/**
 * Fans a verified dispatch out to its recipients: each gets a delivery message on its own
 * agency queue. State change, delivery messages and the `dispatch.routed` event commit
 * together; a redelivered `dispatch.verified` finds the dispatch already routed and does nothing.
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
    const { duplicate, result: routed } = await runOnce(
      this.dataSource,
      CONSUMER,
      command.messageId,
      async (manager) => {
        const dispatch = await this.dispatches.lockById(manager, command.dispatchId);
        if (!dispatch || dispatch.state !== 'verified') return false;
        const recipients = await this.dispatches.advanceRecipients(
          manager,
          dispatch.id,
          'all',
          'pending',
          'queued',
        );
        await this.dispatches.update(manager, dispatch.id, { state: 'routed' });
        const occurredAt = new Date().toISOString();
        for (const recipientCode of recipients) {
          await this.outbox.enqueue(manager, {
            destination: 'delivery',
            routingKey: recipientCode,
            messageType: MessageTypes.DeliveryRequested,
            correlationId: dispatch.correlationId,
            priority: dispatch.priority,
            payload: {
              dispatchId: dispatch.id,
              recipientCode,
              priority: dispatch.priority,
              occurredAt,
              actor: 'router',
            },
          });
        }
        await this.outbox.enqueue(manager, {
          destination: 'events',
          routingKey: MessageTypes.DispatchRouted,
          messageType: MessageTypes.DispatchRouted,
          correlationId: dispatch.correlationId,
          payload: {
            dispatchId: dispatch.id,
            senderCode: dispatch.senderCode,
            recipientCodes: recipients,
            occurredAt,
            actor: 'router',
          },
        });
        return true;
      },
    );
    if (!duplicate && routed) this.relay.nudge();
  }
}
