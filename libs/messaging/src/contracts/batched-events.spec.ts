import { batchItemId, isBatchedEventType, perDispatchEventsOf } from './batched-events';
import { checkPayload } from './message-payloads';
import { MessageTypes } from './message-types';

const base = { occurredAt: '2026-11-23T10:00:00.000Z', actor: 'router' };
const A = '0190f3a0-0000-7000-8000-000000000001';
const B = '0190f3a0-0000-7000-8000-000000000002';

describe('batched events', () => {
  it('knows the two batched types and nothing else', () => {
    expect(isBatchedEventType('dispatch.delivered.batch')).toBe(true);
    expect(isBatchedEventType('dispatch.acknowledged.batch')).toBe(true);
    expect(isBatchedEventType('dispatch.delivered')).toBe(false);
    expect(isBatchedEventType('hasOwnProperty')).toBe(false);
  });

  it('fans a delivered batch out into the dispatch.delivered events it stands for, valid each', () => {
    const events = perDispatchEventsOf(MessageTypes.DispatchDeliveredBatch, {
      ...base,
      recipientCode: '000.00.00.H41',
      deliveries: [
        { dispatchId: A, senderCode: '000.00.00.G22', deliverySeq: 11, correlationId: 'c-a' },
        { dispatchId: B, senderCode: '000.00.14.H20', deliverySeq: 12 },
      ],
    });
    expect(events).toEqual([
      {
        index: 0,
        type: 'dispatch.delivered',
        correlationId: 'c-a',
        body: {
          ...base,
          dispatchId: A,
          senderCode: '000.00.00.G22',
          recipientCode: '000.00.00.H41',
          deliverySeq: 11,
        },
      },
      {
        index: 1,
        type: 'dispatch.delivered',
        body: {
          ...base,
          dispatchId: B,
          senderCode: '000.00.14.H20',
          recipientCode: '000.00.00.H41',
          deliverySeq: 12,
        },
      },
    ]);
    for (const event of events) expect(checkPayload(event.type, event.body).ok).toBe(true);
  });

  it('fans an acknowledged batch out into dispatch.acknowledged events, in its order', () => {
    const events = perDispatchEventsOf(MessageTypes.DispatchAcknowledgedBatch, {
      ...base,
      recipientCode: '000.00.00.H41',
      acknowledgements: [
        { dispatchId: B, senderCode: '000.00.14.H20' },
        { dispatchId: A, senderCode: '000.00.00.G22' },
      ],
    });
    expect(events.map((e) => [e.index, e.type, e.body.dispatchId, e.body.senderCode])).toEqual([
      [0, 'dispatch.acknowledged', B, '000.00.14.H20'],
      [1, 'dispatch.acknowledged', A, '000.00.00.G22'],
    ]);
    for (const event of events) expect(checkPayload(event.type, event.body).ok).toBe(true);
  });

  it('names each item by message id and position, within 64 characters', () => {
    expect(batchItemId('0190f3a0-0000-7000-8000-00000000000f', 3)).toBe(
      '0190f3a0-0000-7000-8000-00000000000f#3',
    );
    const long = 'x'.repeat(70);
    expect(batchItemId(long, 0)).toMatch(/^sha256:[0-9a-f]{56}$/);
    expect(batchItemId(long, 0)).toBe(batchItemId(long, 0));
    expect(batchItemId(long, 0)).not.toBe(batchItemId(long, 1));
  });
});
