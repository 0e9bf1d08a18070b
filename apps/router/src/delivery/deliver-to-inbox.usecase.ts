import { Injectable } from '@nestjs/common';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { outboxRowOf } from '@docaxis/messaging/outbox/outbox-writer';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';

export interface DeliverToInboxCommand {
  messageId: string;
  dispatchId: string;
  recipientCode: string;
}

const CONSUMER = 'router.deliver-to-inbox';

/**
 * Takes a delivery message off a recipient agency's queue and puts the dispatch into that
 * agency's inbox, exactly once: the recipient row moves from queued to delivered only once,
 * whatever the broker redelivers.
 */
@Injectable()
export class DeliverToInboxUseCase {
  constructor(
    private readonly dispatches: DispatchRepository,
    private readonly relay: OutboxRelay,
    private readonly metrics: AxisMetrics,
  ) {}

  async execute(command: DeliverToInboxCommand): Promise<void> {
    const { dispatchId, recipientCode } = command;
    // One statement marks the message, delivers the copy and writes the event (no transaction
    // round trips). The event is checked here without what only the statement knows: the
    // position (a stand-in 0 here) and the sender, which the statement fills in.
    const delivered = await this.dispatches.deliver({
      dispatchId,
      recipientCode,
      mark: { consumer: CONSUMER, messageId: command.messageId },
      announcement: outboxRowOf({
        destination: 'events',
        routingKey: MessageTypes.DispatchDelivered,
        messageType: MessageTypes.DispatchDelivered,
        payload: {
          dispatchId,
          recipientCode,
          deliverySeq: 0,
          occurredAt: new Date().toISOString(),
          actor: 'router',
        },
      }),
    });
    if (delivered) {
      this.metrics.deliveries.inc();
      this.metrics.deliveryLatency.observe((Date.now() - delivered.acceptedAt.getTime()) / 1000);
      this.relay.nudge();
    }
  }
}
