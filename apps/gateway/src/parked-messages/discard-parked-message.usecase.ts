import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import { InboxDeliveryAnnouncer } from '@docaxis/persistence/inbox/inbox-delivery-announcer';
import { ParkedMessageRepository } from '@docaxis/persistence/parked-message/parked-message.repository';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { operatorReason } from '../http/operator-reason';
import { type ParkedMessageDetail, toParkedMessageDetail } from './dtos/parked-message-view';
import { DiscardedStatusNoticeRelease } from './discarded-status-notice-release';
import { lockUnresolvedParkedMessage, parkedMessageAuditFacts } from './parked-message-resolution';
import { DiscardReasonInvalidError } from './parked-message.errors';

/**
 * An operator gives up on a parked message, saying why. The row stays (state `discarded`, who,
 * when, why) and the decision is audited, committed together. A discarded status notice is
 * skipped and releases the notices that waited behind it (DiscardedStatusNoticeRelease); their
 * addressee's waiting long-polls are told once the discard has committed.
 */
@Injectable()
export class DiscardParkedMessageUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly parked: ParkedMessageRepository,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    private readonly statusNotices: DiscardedStatusNoticeRelease,
    private readonly announcer: InboxDeliveryAnnouncer,
  ) {}

  async execute(
    id: string,
    reason: unknown,
    admin: AuthenticatedAgency,
    correlationId: string,
  ): Promise<ParkedMessageDetail> {
    const text = operatorReason(reason);
    if (text === null) throw new DiscardReasonInvalidError();
    const releasedTo = await this.dataSource.transaction(async (manager) => {
      const row = await lockUnresolvedParkedMessage(this.parked, manager, id);
      await this.outbox.enqueue(manager, {
        destination: 'events',
        routingKey: MessageTypes.ParkedMessageDiscarded,
        messageType: MessageTypes.ParkedMessageDiscarded,
        correlationId,
        payload: {
          ...parkedMessageAuditFacts(row),
          reason: text,
          occurredAt: new Date().toISOString(),
          actor: admin.certificateSubject,
        },
      });
      await this.parked.resolve(manager, [row.id], 'discarded', admin.certificateSubject, text);
      return this.statusNotices.release(manager, row, text, correlationId);
    });
    this.relay.nudge();
    if (releasedTo) await this.announcer.announce([releasedTo]);
    const resolved = await this.parked.findById(id);
    return toParkedMessageDetail(resolved!);
  }
}
