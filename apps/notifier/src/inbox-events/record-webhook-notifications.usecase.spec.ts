import type { DataSource, EntityManager } from 'typeorm';
import type { NewWebhookNotification } from '@docaxis/persistence/webhook/webhook-notification.repository';
import type { WebhookNotificationRepository } from '@docaxis/persistence/webhook/webhook-notification.repository';
import type { WebhookRepository } from '@docaxis/persistence/webhook/webhook.repository';
import type { WebhookSubscribers } from '@docaxis/persistence/webhook/webhook-subscribers';
import type { WebhookSender } from '../sending/webhook-sender.service';
import { RecordWebhookNotificationsUseCase } from './record-webhook-notifications.usecase';

const H41 = '000.00.00.H41';
const A = '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d01';
const B = '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d02';
const base = { occurredAt: '2026-11-20T02:00:00.000Z', actor: 'router' };

/** The use case over an in-memory processed_messages and notification list. */
function setUp() {
  const processed = new Set<string>();
  const enqueued: NewWebhookNotification[] = [];
  const manager = {
    query: jest.fn((_sql: string, [consumer, id]: string[]) => {
      const key = `${consumer}/${id}`;
      if (processed.has(key)) return Promise.resolve([]);
      processed.add(key);
      return Promise.resolve([{ message_id: id }]);
    }),
  } as unknown as EntityManager;
  const dataSource = {
    transaction: (work: (m: EntityManager) => Promise<unknown>) => work(manager),
  } as unknown as DataSource;
  const webhooks = {
    activeFor: jest.fn().mockResolvedValue([{ id: 'wh-1', agencyCode: H41 }]),
  } as unknown as WebhookRepository;
  const notifications = {
    enqueue: jest.fn((_m: EntityManager, rows: NewWebhookNotification[]) => {
      enqueued.push(...rows);
      return Promise.resolve();
    }),
  } as unknown as WebhookNotificationRepository;
  const sender = { nudge: jest.fn() } as unknown as WebhookSender;
  const subscribers = {
    anySubscribed: jest.fn().mockResolvedValue(true),
  } as unknown as WebhookSubscribers;
  const useCase = new RecordWebhookNotificationsUseCase(
    dataSource,
    webhooks,
    notifications,
    sender,
    subscribers,
  );
  return { useCase, enqueued, sender };
}

describe('RecordWebhookNotificationsUseCase', () => {
  const batch = {
    messageId: 'batch-1',
    type: 'dispatch.delivered.batch' as const,
    body: {
      ...base,
      recipientCode: H41,
      deliveries: [
        { dispatchId: A, senderCode: '000.00.00.G22', deliverySeq: 7, correlationId: 'c-a' },
        { dispatchId: B, senderCode: '000.00.14.H20', deliverySeq: 8 },
      ],
    },
  };

  it('tells a webhook about each dispatch of a delivered batch, as the per-dispatch event it was', async () => {
    const { useCase, enqueued, sender } = setUp();
    await useCase.execute(batch);
    expect(enqueued.map((n) => [n.webhookId, n.eventType, n.sourceMessageId])).toEqual([
      ['wh-1', 'dispatch.delivered', 'batch-1#0'],
      ['wh-1', 'dispatch.delivered', 'batch-1#1'],
    ]);
    const first = JSON.parse(enqueued[0].body) as Record<string, unknown>;
    expect(first).toEqual({
      id: enqueued[0].id,
      type: 'dispatch.delivered',
      agencyCode: H41,
      occurredAt: base.occurredAt,
      // Exactly what a dispatch.delivered carried: the receivers' contract.
      data: {
        dispatchId: A,
        senderCode: '000.00.00.G22',
        recipientCode: H41,
        deliverySeq: 7,
        ...base,
      },
    });
    expect(sender.nudge).toHaveBeenCalledTimes(1);
  });

  it('adds nothing when the batch is redelivered', async () => {
    const { useCase, enqueued } = setUp();
    await useCase.execute(batch);
    await useCase.execute(batch);
    expect(enqueued).toHaveLength(2);
  });

  it('still tells a per-dispatch event from an older router as it was', async () => {
    const { useCase, enqueued } = setUp();
    const body = { ...base, dispatchId: A, recipientCode: H41, deliverySeq: 3 };
    await useCase.execute({ messageId: 'single-1', type: 'dispatch.delivered', body });
    expect(enqueued.map((n) => [n.eventType, n.sourceMessageId])).toEqual([
      ['dispatch.delivered', 'single-1'],
    ]);
    expect(JSON.parse(enqueued[0].body)).toMatchObject({ type: 'dispatch.delivered', data: body });
  });
});
