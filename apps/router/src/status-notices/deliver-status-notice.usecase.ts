import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StatusNoticed } from '@docaxis/messaging/contracts/message-payloads';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { runOnce } from '@docaxis/messaging/inbox/run-once';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import { StatusNoticeRepository } from '@docaxis/persistence/status-notice/status-notice.repository';

export interface DeliverStatusNoticeCommand {
  messageId: string;
  correlationId?: string;
  notice: StatusNoticed;
}

const CONSUMER = 'router.deliver-status-notice';

/**
 * Puts a status notice into its addressee's inbox (the sender's, or for a recall request the
 * recipient's), exactly once: the notice takes an inbox position only if it has none yet, and the
 * `status.delivered` event commits with it.
 */
@Injectable()
export class DeliverStatusNoticeUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: StatusNoticeRepository,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(command: DeliverStatusNoticeCommand): Promise<void> {
    const { notice } = command;
    const { duplicate, result: delivered } = await runOnce(
      this.dataSource,
      CONSUMER,
      command.messageId,
      async (manager) => {
        const deliverySeq = await this.notices.deliver(manager, notice.statusNoticeId);
        if (deliverySeq === null) return false;
        await this.outbox.enqueue(manager, {
          destination: 'events',
          routingKey: MessageTypes.StatusDelivered,
          messageType: MessageTypes.StatusDelivered,
          correlationId: command.correlationId ?? null,
          payload: {
            dispatchId: notice.dispatchId,
            senderCode: notice.senderCode,
            recipientCode: notice.recipientCode,
            statusNoticeId: notice.statusNoticeId,
            authorCode: notice.authorCode,
            addresseeCode: notice.addresseeCode,
            statusCode: notice.statusCode,
            deliverySeq,
            occurredAt: new Date().toISOString(),
            actor: 'router',
          },
        });
        return true;
      },
    );
    if (!duplicate && delivered) this.relay.nudge();
  }
}
