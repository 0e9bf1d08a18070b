import type { ConsumerHost } from '@docaxis/messaging/consumer/consumer-host';
import type { InboundMessage } from '@docaxis/messaging/consumer/inbound-message';
import { UnprocessableMessageError } from '@docaxis/messaging/consumer/unprocessable-message.error';
import type { AuditBatcher } from './audit-batcher';
import { AuditEventInvalidError } from './audit-event-invalid.error';
import { AuditEventMapper } from './audit-event-mapper';
import { AuditEventsConsumer } from './audit-events.consumer';
import { AUDIT_EVENTS_QUEUE } from '@docaxis/messaging/topology/audit-events-queue';
import { DEFAULT_AUDIT_RECORDING_OPTIONS } from './audit-recording.config';

const message: InboundMessage = {
  messageId: 'm-1',
  type: 'dispatch.fetched',
  correlationId: 'c-1',
  body: { dispatchId: '0196F7A2-5C1E-7B3A-9D4E-2F1A6B8C9D0E', recipientCode: '000.00.00.H41' },
  redelivered: false,
  deliveryCount: 0,
  headers: {},
  exchange: 't.events',
  routingKey: 'dispatch.fetched',
  publishedAt: new Date('2026-03-12T08:00:00.000Z'),
};

function setUp(submit: jest.Mock) {
  const consume = jest.fn().mockResolvedValue(undefined);
  const stop = jest.fn().mockResolvedValue(undefined);
  const consumer = new AuditEventsConsumer(
    { consume } as unknown as ConsumerHost,
    new AuditEventMapper({ knownEventTypes: new Set(['dispatch.fetched']) }),
    { submit, stop } as unknown as AuditBatcher,
    { ...DEFAULT_AUDIT_RECORDING_OPTIONS, prefetch: 777 },
  );
  return { consumer, consume, stop };
}

describe('AuditEventsConsumer', () => {
  it('consumes the audit queue (bound "#") with its own prefetch, through the primitive consume', async () => {
    const { consumer, consume } = setUp(jest.fn());
    await consumer.onModuleInit();
    expect(consume).toHaveBeenCalledWith(AUDIT_EVENTS_QUEUE, expect.any(Function), {
      prefetch: 777,
    });
    expect(AUDIT_EVENTS_QUEUE.bindings).toEqual([{ exchange: 'events', routingKey: '#' }]);
  });

  it('maps the message and resolves only with the batch outcome', async () => {
    const submit = jest
      .fn()
      .mockResolvedValue({ eventId: 'm-1', status: 'recorded', seq: 9, hash: 'h' });
    const { consumer, consume } = setUp(submit);
    await consumer.onModuleInit();
    const handler = consume.mock.calls[0][1] as (m: InboundMessage) => Promise<void>;
    await expect(handler(message)).resolves.toBeUndefined();
    expect(submit).toHaveBeenCalledWith({
      eventId: 'm-1',
      eventType: 'dispatch.fetched',
      occurredAt: new Date('2026-03-12T08:00:00.000Z'),
      dispatchId: '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d0e',
      senderCode: null,
      recipientCode: '000.00.00.H41',
      actor: null,
      payload: {
        body: message.body,
        meta: {
          routingKey: 'dispatch.fetched',
          messageType: 'dispatch.fetched',
          correlationId: 'c-1',
          publishedAt: '2026-03-12T08:00:00.000Z',
          anomalies: ['OCCURRED_AT_MISSING'],
        },
      },
    });
  });

  it('parks an event that can never be stored instead of redelivering it', async () => {
    const submit = jest
      .fn()
      .mockRejectedValue(new AuditEventInvalidError('m-1', 'eventType', 'too long'));
    const { consumer } = setUp(submit);
    const error = await consumer.record(message).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnprocessableMessageError);
    expect(error).toMatchObject({
      code: 'AUDIT_EVENT_UNRECORDABLE',
      details: { cause: 'AUDIT_EVENT_INVALID' },
    });
  });

  it('lets other failures through, so the message is requeued (database down)', async () => {
    const down = new Error('connect ECONNREFUSED');
    const { consumer } = setUp(jest.fn().mockRejectedValue(down));
    await expect(consumer.record(message)).rejects.toBe(down);
  });

  it('stops the batcher when the application shuts down (after the consumers stopped)', async () => {
    const { consumer, stop } = setUp(jest.fn());
    await consumer.onApplicationShutdown();
    expect(stop).toHaveBeenCalledTimes(1);
  });
});
