import type { EntityManager } from 'typeorm';
import type { StatusNoticed } from '@docaxis/messaging/contracts/message-payloads';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { outboxRowOf } from '@docaxis/messaging/outbox/outbox-writer';
import type {
  DeliveredStatusNotice,
  StatusNoticeRepository,
} from '@docaxis/persistence/status-notice/status-notice.repository';

/** Which status notice a message is about, as every status message names it. */
export type StatusNoticeFacts = Omit<StatusNoticed, 'occurredAt' | 'actor'>;

/**
 * Gives a status notice up with an operator's reason and delivers the ready notices that waited
 * behind it, each announced by its own `status.delivered`: what discarding the notice's parked
 * message and skipping the notice itself both do. Inside the caller's transaction.
 */
export function skipStatusNotice(
  notices: StatusNoticeRepository,
  manager: EntityManager,
  skip: { facts: StatusNoticeFacts; reason: string; correlationId: string; occurredAt: string },
): Promise<DeliveredStatusNotice[]> {
  return notices.skip(manager, {
    statusNoticeId: skip.facts.statusNoticeId,
    addresseeCode: skip.facts.addresseeCode,
    reason: skip.reason,
    announcement: outboxRowOf({
      destination: 'events',
      routingKey: MessageTypes.StatusDelivered,
      messageType: MessageTypes.StatusDelivered,
      correlationId: skip.correlationId,
      // The statement fills in each delivered notice's own facts and position.
      payload: { ...skip.facts, deliverySeq: 0, occurredAt: skip.occurredAt, actor: 'gateway' },
    }),
  });
}
