import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
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
    private readonly dataSource: DataSource,
    private readonly dispatches: DispatchRepository,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    private readonly metrics: AxisMetrics,
  ) {}

  async execute(command: DeliverToInboxCommand): Promise<void> {
    // Idempotent like runOnce, with the processed mark written by deliver's first statement.
    const delivered = await this.dataSource.transaction(async (manager) => {
      const copy = await this.dispatches.deliver(
        manager,
        command.dispatchId,
        command.recipientCode,
        { consumer: CONSUMER, messageId: command.messageId },
      );
      if (copy === null) return null;
      await this.outbox.enqueue(manager, {
        destination: 'events',
        routingKey: MessageTypes.DispatchDelivered,
        messageType: MessageTypes.DispatchDelivered,
        correlationId: copy.correlationId,
        payload: {
          dispatchId: command.dispatchId,
          senderCode: copy.senderCode,
          recipientCode: command.recipientCode,
          deliverySeq: copy.deliverySeq,
          occurredAt: new Date().toISOString(),
          actor: 'router',
        },
      });
      return { acceptedAt: copy.acceptedAt };
    });
    if (delivered) {
      this.metrics.deliveries.inc();
      this.metrics.deliveryLatency.observe((Date.now() - delivered.acceptedAt.getTime()) / 1000);
      this.relay.nudge();
    }
  }
}
