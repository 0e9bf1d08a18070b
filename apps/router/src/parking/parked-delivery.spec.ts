import type { ConsumeMessage } from 'amqplib';
import { collectParkedDelivery } from './parked-delivery';

function delivery(
  properties: Record<string, unknown>,
  routingKey = '000.00.00.H41',
): ConsumeMessage {
  return {
    content: Buffer.from('{"dispatchId":"x"}'),
    fields: {
      deliveryTag: 1,
      redelivered: false,
      exchange: 'p.dead-letter',
      routingKey,
      consumerTag: 'c',
    },
    properties: { headers: {}, ...properties } as ConsumeMessage['properties'],
  };
}

describe('collectParkedDelivery', () => {
  it('files a copy parked by a consumer from its parking headers', () => {
    const collected = collectParkedDelivery(
      delivery({
        messageId: 'm-1',
        type: 'delivery.requested',
        priority: 2,
        headers: {
          'x-docaxis-parked-code': 'MESSAGING_RETRIES_EXHAUSTED',
          'x-docaxis-parked-reason': 'database down',
          'x-docaxis-parked-from': 'p.inbox.000.00.00.H41.v1',
          'x-docaxis-parked-at': '2026-11-23T10:00:00.000Z',
          'x-docaxis-delivery-count': 0,
          'x-docaxis-attempt': 4,
          'x-docaxis-routing-key': 'urgent.000.00.00.H41',
          'x-correlation-id': Buffer.from('corr-1'),
        },
      }),
    );
    expect(collected).toMatchObject({
      messageId: 'm-1',
      messageType: 'delivery.requested',
      sourceQueue: 'p.inbox.000.00.00.H41.v1',
      routingKey: 'urgent.000.00.00.H41',
      errorCode: 'MESSAGING_RETRIES_EXHAUSTED',
      errorReason: 'database down',
      attempts: 5,
      parkedAt: new Date('2026-11-23T10:00:00.000Z'),
      properties: { priority: 2 },
    });
    expect(collected.headers['x-correlation-id']).toBe('corr-1');
  });

  it('files a message the broker dead-lettered itself from x-death, the same way twice', () => {
    const seconds = Date.parse('2026-11-23T11:00:00.000Z') / 1000;
    const dead = delivery({
      messageId: 'm-2',
      headers: {
        'x-delivery-count': 6,
        'x-death': [
          {
            queue: 'p.router.dispatch-verified.v1',
            reason: 'delivery_limit',
            time: { '!': 'timestamp', value: seconds },
            count: 1,
            'routing-keys': ['dispatch.verified'],
          },
        ],
      },
    });
    const collected = collectParkedDelivery(dead);
    expect(collected).toMatchObject({
      messageId: 'm-2',
      messageType: null,
      sourceQueue: 'p.router.dispatch-verified.v1',
      routingKey: 'dispatch.verified',
      errorCode: 'BROKER_DEAD_LETTERED_DELIVERY_LIMIT',
      attempts: 6,
      parkedAt: new Date(seconds * 1000),
    });
    expect(collectParkedDelivery(dead)).toEqual(collected);
  });

  it('names a message without id by a digest of its body', () => {
    const collected = collectParkedDelivery(delivery({}));
    expect(collected.messageId).toMatch(/^sha256:[0-9a-f]{56}$/);
    expect(collected.sourceQueue).toBe('unknown');
  });
});
