import { Injectable } from '@nestjs/common';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { outboxRowOf } from '@docaxis/messaging/outbox/outbox-writer';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import {
  DispatchRepository,
  type DeliveredCopy,
  type DispatchDelivery,
} from '@docaxis/persistence/dispatch/dispatch.repository';

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
    // One statement marks the message, delivers the copy and writes the event (no transaction
    // round trips).
    this.delivered([await this.dispatches.deliver(deliveryOf(command))]);
  }

  /**
   * Several messages for one recipient in one statement (one commit): all of them handled, or,
   * when it throws, none. A message already processed, or asking for a copy that is not queued,
   * does nothing, as with `execute`.
   */
  async executeMany(commands: readonly DeliverToInboxCommand[]): Promise<void> {
    this.delivered(await this.dispatches.deliverMany(commands.map(deliveryOf)));
  }

  /** Counts each copy delivered; one nudge of the relay for all their events. */
  private delivered(copies: readonly (DeliveredCopy | null)[]): void {
    const now = Date.now();
    let delivered = 0;
    for (const copy of copies) {
      if (!copy) continue;
      delivered += 1;
      this.metrics.deliveryLatency.observe((now - copy.acceptedAt.getTime()) / 1000);
    }
    if (delivered === 0) return;
    this.metrics.deliveries.inc(delivered);
    this.relay.nudge();
  }
}

/**
 * What the statement is asked for one message. The event is checked here without what only the
 * statement knows: the position (a stand-in 0 here) and the sender, which the statement fills in.
 */
function deliveryOf(command: DeliverToInboxCommand): DispatchDelivery {
  const { dispatchId, recipientCode } = command;
  return {
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
  };
}
