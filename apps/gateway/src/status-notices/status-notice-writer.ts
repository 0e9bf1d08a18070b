import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import {
  type NewStatusNotice,
  StatusNoticeRepository,
} from '@docaxis/persistence/status-notice/status-notice.repository';

export interface StatusNoticeAnnouncement {
  /** The dispatch's sender (the audit files the event under it). */
  senderCode: string;
  correlationId: string;
  /** Certificate subject of whoever sent the notice. */
  actor: string;
}

/**
 * Records a notice and its `status.noticed` event in the caller's transaction: the router picks
 * the event up and puts the notice into the addressee's inbox; the audit records it.
 */
@Injectable()
export class StatusNoticeWriter {
  constructor(
    private readonly notices: StatusNoticeRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async record(
    manager: EntityManager,
    notice: NewStatusNotice,
    announcement: StatusNoticeAnnouncement,
  ): Promise<void> {
    await this.notices.insert(manager, notice);
    await this.outbox.enqueue(manager, {
      destination: 'events',
      routingKey: MessageTypes.StatusNoticed,
      messageType: MessageTypes.StatusNoticed,
      correlationId: announcement.correlationId,
      payload: {
        dispatchId: notice.dispatchId,
        senderCode: announcement.senderCode,
        recipientCode: notice.recipientCode,
        statusNoticeId: notice.id,
        authorCode: notice.authorCode,
        addresseeCode: notice.addresseeCode,
        statusCode: notice.statusCode,
        occurredAt: new Date().toISOString(),
        actor: announcement.actor,
      },
    });
  }
}
