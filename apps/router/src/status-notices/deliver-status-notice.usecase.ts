import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StatusNoticed } from '@docaxis/messaging/contracts/message-payloads';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { outboxRowOf } from '@docaxis/messaging/outbox/outbox-writer';
import { InboxDeliveryAnnouncer } from '@docaxis/persistence/inbox/inbox-delivery-announcer';
import { StatusNoticeRepository } from '@docaxis/persistence/status-notice/status-notice.repository';

export interface DeliverStatusNoticeCommand {
  messageId: string;
  correlationId?: string;
  notice: StatusNoticed;
}

const CONSUMER = 'router.deliver-status-notice';

/**
 * Puts a status notice into its addressee's inbox (the sender's, or for a recall request the
 * recipient's), exactly once and in the order the author gave them: the message makes the notice
 * ready, and one statement delivers it with the ready notices that waited behind it. A notice
 * that overtook an earlier one of the same recipient is only made ready and its message acked;
 * the earlier one's delivery takes it along (no retry loop). Each delivery's `status.delivered`
 * event commits with it. Once it has committed, the addressee's waiting long-polls are told
 * (InboxDeliveryAnnouncer), once however many notices it delivered.
 */
@Injectable()
export class DeliverStatusNoticeUseCase {
  private readonly logger = new Logger(DeliverStatusNoticeUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: StatusNoticeRepository,
    private readonly relay: OutboxRelay,
    private readonly announcer: InboxDeliveryAnnouncer,
  ) {}

  async execute(command: DeliverStatusNoticeCommand): Promise<void> {
    const { notice } = command;
    const announcement = outboxRowOf({
      destination: 'events',
      routingKey: MessageTypes.StatusDelivered,
      messageType: MessageTypes.StatusDelivered,
      correlationId: command.correlationId ?? null,
      // The statement fills in each delivered notice's own facts and position.
      payload: { ...notice, deliverySeq: 0, occurredAt: new Date().toISOString(), actor: 'router' },
    });
    const { duplicate, delivered } = await this.dataSource.transaction((manager) =>
      this.notices.deliver(manager, {
        statusNoticeId: notice.statusNoticeId,
        addresseeCode: notice.addresseeCode,
        mark: { consumer: CONSUMER, messageId: command.messageId },
        announcement,
      }),
    );
    if (duplicate) return;
    if (delivered.length > 0) {
      this.relay.nudge();
      // All of them are the addressee's: one (dispatch, recipient, addressee) is released at once.
      await this.announcer.announce([notice.addresseeCode]);
    }
    if (!delivered.some((one) => one.id === notice.statusNoticeId)) {
      // Not an error: the earlier notice's delivery (or its discard) releases this one. An
      // operator may also have given it up before its message arrived; the statement does not
      // tell the two apart, so the line names both.
      this.logger.log(
        `status notice ${notice.statusNoticeId} of ${notice.recipientCode} on dispatch ` +
          `${notice.dispatchId} not delivered: it waits for an earlier notice, or was given up`,
      );
    }
  }
}
