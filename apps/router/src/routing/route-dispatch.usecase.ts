import { Injectable, Logger } from '@nestjs/common';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { outboxRowOf } from '@docaxis/messaging/outbox/outbox-writer';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';

export interface RouteDispatchCommand {
  messageId: string;
  dispatchId: string;
}

const CONSUMER = 'router.route-dispatch';

/**
 * Stands in for the agency codes only the routing statement knows (the sender, each queued
 * recipient) while the messages are checked against their contracts; the statement replaces it.
 */
const STAND_IN_AGENCY_CODE = '000.00.00.A00';

/**
 * Fans a verified dispatch out to its recipients: each gets a delivery message on its own
 * agency queue. State change, processed mark, delivery messages and the `dispatch.routed` event
 * are one statement, so they commit together without an explicit transaction; a redelivered
 * `dispatch.verified` finds its mark (or the dispatch already routed) and does nothing. A
 * dispatch its sender recalled before this step reached nobody: the same statement ends it as
 * `withdrawn` with a `dispatch.withdrawn` event, so it is never left looking pending.
 */
@Injectable()
export class RouteDispatchUseCase {
  private readonly logger = new Logger(RouteDispatchUseCase.name);

  constructor(
    private readonly dispatches: DispatchRepository,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(command: RouteDispatchCommand): Promise<void> {
    const { dispatchId } = command;
    const occurredAt = new Date().toISOString();
    // Checked here with stand-ins; the statement fills in the recipients, the sender, the
    // priority and the correlation id from the dispatch it routes.
    const outcomeFacts = {
      dispatchId,
      senderCode: STAND_IN_AGENCY_CODE,
      recipientCodes: [STAND_IN_AGENCY_CODE],
      occurredAt,
      actor: 'router',
    };
    const outcome = await this.dispatches.route({
      dispatchId,
      mark: { consumer: CONSUMER, messageId: command.messageId },
      deliveryRequest: outboxRowOf({
        destination: 'delivery',
        routingKey: STAND_IN_AGENCY_CODE,
        messageType: MessageTypes.DeliveryRequested,
        payload: {
          dispatchId,
          recipientCode: STAND_IN_AGENCY_CODE,
          priority: 0,
          occurredAt,
          actor: 'router',
        },
      }),
      announcement: outboxRowOf({
        destination: 'events',
        routingKey: MessageTypes.DispatchRouted,
        messageType: MessageTypes.DispatchRouted,
        payload: outcomeFacts,
      }),
      withdrawal: outboxRowOf({
        destination: 'events',
        routingKey: MessageTypes.DispatchWithdrawn,
        messageType: MessageTypes.DispatchWithdrawn,
        payload: outcomeFacts,
      }),
    });
    if (outcome === null) return;
    this.relay.nudge();
    if (outcome === 'withdrawn') {
      this.logger.log(
        { dispatchId },
        'Dispatch recalled by its sender before routing: withdrawn, routed to nobody',
      );
    }
  }
}
