import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import { isUuid } from '@docaxis/persistence/database/uuid';
import { InboxDeliveryAnnouncer } from '@docaxis/persistence/inbox/inbox-delivery-announcer';
import type { StatusNoticeEntity } from '@docaxis/persistence/status-notice/status-notice.entity';
import { StatusNoticeRepository } from '@docaxis/persistence/status-notice/status-notice.repository';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { operatorReason } from '../http/operator-reason';
import { toStatusNoticeView } from '../status-notices/dtos/status-notice-view';
import { type StatusNoticeFacts, skipStatusNotice } from '../status-notices/status-notice-skip';
import type { SkippedStatusNotice } from './dtos/blocked-status-notice-view';
import {
  SkipReasonInvalidError,
  StatusNoticeNotFoundError,
  StatusNoticeNotSkippableError,
} from './blocked-status-notice.errors';

/**
 * An operator gives up a status notice whose message never reached the router, saying why, so
 * the notices waiting behind it are delivered. This is the way out when the message is parked
 * with a body that is not a valid `status.noticed` (discarding it cannot tell which notice it
 * was) or is lost. In one transaction, under the addressee's inbox lock: the notice is marked
 * skipped with the reason (the gap stays on record, as for a discarded message), the waiting
 * notices are delivered with their `status.delivered` events, and `status.skipped` is audited.
 * Only a notice that is neither delivered, given up nor ready, and that holds ready notices back
 * (one `GET /admin/status-notices/blocking` lists), may be skipped; should its message arrive
 * later, it delivers nothing.
 */
@Injectable()
export class SkipStatusNoticeUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: StatusNoticeRepository,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    private readonly announcer: InboxDeliveryAnnouncer,
  ) {}

  async execute(
    id: string,
    reason: unknown,
    admin: AuthenticatedAgency,
    correlationId: string,
  ): Promise<SkippedStatusNotice> {
    const text = operatorReason(reason);
    if (text === null) throw new SkipReasonInvalidError();
    if (!isUuid(id)) throw new StatusNoticeNotFoundError(id);
    const { notice, released } = await this.dataSource.transaction(async (manager) => {
      const found = await this.notices.findLockingInbox(manager, id);
      if (!found) throw new StatusNoticeNotFoundError(id);
      refuseUnlessWaiting(found);
      // Merely late, it holds nothing back: skipped, it would never be delivered. Asked last, as
      // the one check that costs a query (read under the inbox lock).
      if ((await this.notices.waitingBehind(manager, found.id)) === 0) {
        throw new StatusNoticeNotSkippableError(found.id, 'not-blocking');
      }
      const occurredAt = new Date().toISOString();
      const facts = noticeFacts(found);
      const delivered = await skipStatusNotice(this.notices, manager, {
        facts,
        reason: text,
        correlationId,
        occurredAt,
      });
      await this.outbox.enqueue(manager, {
        destination: 'events',
        routingKey: MessageTypes.StatusSkipped,
        messageType: MessageTypes.StatusSkipped,
        correlationId,
        payload: { ...facts, reason: text, occurredAt, actor: admin.certificateSubject },
      });
      return { notice: found, released: delivered };
    });
    this.relay.nudge();
    if (released.length > 0) await this.announcer.announce([notice.addresseeCode]);
    const skipped = await this.notices.findById(notice.id);
    return { notice: toStatusNoticeView(skipped!), released };
  }
}

/** Refuses a notice that is delivered, given up or ready: only one still waiting may be skipped. */
function refuseUnlessWaiting(notice: StatusNoticeEntity): void {
  if (notice.deliverySeq !== null) throw new StatusNoticeNotSkippableError(notice.id, 'delivered');
  if (notice.skippedAt !== null) throw new StatusNoticeNotSkippableError(notice.id, 'skipped');
  if (notice.readyAt !== null) throw new StatusNoticeNotSkippableError(notice.id, 'ready');
}

/** The facts every notice message carries (see `status.noticed`). */
function noticeFacts(notice: StatusNoticeEntity): StatusNoticeFacts {
  return {
    dispatchId: notice.dispatchId,
    // A notice passes between a dispatch's sender and one of its recipients: whichever end is
    // not the recipient is the sender (the addressee for 01–06/15/16, the author for 13).
    senderCode:
      notice.authorCode === notice.recipientCode ? notice.addresseeCode : notice.authorCode,
    recipientCode: notice.recipientCode,
    statusNoticeId: notice.id,
    authorCode: notice.authorCode,
    addresseeCode: notice.addresseeCode,
    statusCode: notice.statusCode,
  };
}
