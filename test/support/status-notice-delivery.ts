import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { outboxRowOf } from '@docaxis/messaging/outbox/outbox-writer';
import { StatusNoticeEntity } from '@docaxis/persistence/status-notice/status-notice.entity';
import {
  type DeliveredStatusNotice,
  StatusNoticeRepository,
} from '@docaxis/persistence/status-notice/status-notice.repository';

/** What the router does with a notice's `status.noticed` message (or a redelivery of it). */
export async function handleStatusNoticed(
  dataSource: DataSource,
  statusNoticeId: string,
  messageId: string = randomUUID(),
): Promise<{ duplicate: boolean; delivered: DeliveredStatusNotice[] }> {
  const notice = await dataSource.manager.findOneByOrFail(StatusNoticeEntity, {
    id: statusNoticeId,
  });
  const notices = new StatusNoticeRepository(dataSource);
  return dataSource.transaction((manager) =>
    notices.deliver(manager, {
      statusNoticeId,
      addresseeCode: notice.addresseeCode,
      mark: { consumer: 'router.deliver-status-notice', messageId },
      announcement: deliveredTemplate(notice),
    }),
  );
}

/** The notice's inbox position after its message is handled, or null (waiting, or a repeat). */
export async function deliverStatusNotice(
  dataSource: DataSource,
  statusNoticeId: string,
  messageId?: string,
): Promise<number | null> {
  const { delivered } = await handleStatusNoticed(dataSource, statusNoticeId, messageId);
  return delivered.find((one) => one.id === statusNoticeId)?.deliverySeq ?? null;
}

/** A checked `status.delivered` template for the notice (the statement fills in the facts). */
export function deliveredTemplate(notice: StatusNoticeEntity) {
  return outboxRowOf({
    destination: 'events',
    routingKey: MessageTypes.StatusDelivered,
    messageType: MessageTypes.StatusDelivered,
    correlationId: null,
    payload: {
      dispatchId: notice.dispatchId,
      senderCode: notice.addresseeCode,
      recipientCode: notice.recipientCode,
      statusNoticeId: notice.id,
      authorCode: notice.authorCode,
      addresseeCode: notice.addresseeCode,
      statusCode: notice.statusCode,
      deliverySeq: 0,
      occurredAt: new Date().toISOString(),
      actor: 'router',
    },
  });
}
