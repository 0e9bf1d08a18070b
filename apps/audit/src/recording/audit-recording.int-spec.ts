import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { connect } from 'amqplib';
import { DataSource } from 'typeorm';
import { ConsumerHost } from '@docaxis/messaging/consumer/consumer-host';
import { MessagingModule } from '@docaxis/messaging/messaging.module';
import { ConfirmingPublisher } from '@docaxis/messaging/publisher/confirming-publisher';
import { waitUntil } from '@docaxis/messaging/testing/rabbitmq-test-kit';
import { MessagingTopology } from '@docaxis/messaging/topology/messaging-topology';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { testRunId } from '@docaxis/testing/test-run';
import { AuditChainVerifier } from '@docaxis/audit-trail/chain/audit-chain-verifier';
import { AuditAppender } from './audit-appender.service';
import { AuditRecordingModule } from './audit-recording.module';

const AMQP_URL = process.env.DOCAXIS_TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const DISPATCH = '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d0e';

describe('AuditRecordingModule (real RabbitMQ and PostgreSQL)', () => {
  const prefix = `t-${testRunId()}-audit-${process.pid}`;
  let moduleRef: TestingModule;
  let publisher: ConfirmingPublisher;
  let records: AuditRecordRepository;
  let queueNames: string[];
  let exchangeNames: string[];

  beforeAll(async () => {
    const url = await createTestDatabase('audit-recording');
    moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions({ url, poolSize: 4 })),
        MessagingModule.forRoot({ url: AMQP_URL, prefix, relay: false, appName: 'audit-int-test' }),
        AuditRecordingModule.forRoot({ batchMaxEvents: 50, batchMaxWaitMs: 10 }),
      ],
    }).compile();
    await moduleRef.init();
    publisher = moduleRef.get(ConfirmingPublisher);
    records = moduleRef.get(AuditRecordRepository);
    const topology = moduleRef.get(MessagingTopology);
    // Everything it declared, retry steps included, so the run leaves nothing on the broker.
    queueNames = [...topology.declaredQueueNames(), topology.names.parkedQueue];
    exchangeNames = topology.declaredExchangeNames();
  });

  afterAll(async () => {
    await moduleRef?.close();
    const connection = await connect(AMQP_URL);
    const channel = await connection.createChannel();
    for (const queue of queueNames ?? []) await channel.deleteQueue(queue);
    for (const exchange of exchangeNames ?? []) await channel.deleteExchange(exchange);
    await connection.close();
  });

  async function recordedCount(): Promise<number> {
    const [row] = await moduleRef
      .get(DataSource)
      .query<Array<{ count: number }>>('SELECT count(*)::int AS count FROM audit_records');
    return row.count;
  }

  // Waits for the condition, bounded only by the kit's generous default: fixed 10 to 20 s
  // deadlines that then fell through to the assertions raced a loaded machine.
  async function waitForRecords(count: number): Promise<void> {
    await waitUntil(async () => (await recordedCount()) >= count, `${count} audit records`);
  }

  it('records every event published, once, acknowledging after the commit', async () => {
    const publishes = Array.from({ length: 120 }, (_, i) =>
      publisher.publish({
        exchange: 'events',
        routingKey: 'dispatch.delivered',
        messageId: `delivered-${i}`,
        type: 'dispatch.delivered',
        correlationId: 'corr-int',
        body: {
          dispatchId: DISPATCH,
          recipientCode: '000.00.00.H41',
          deliverySeq: i,
          occurredAt: new Date(Date.UTC(2026, 2, 12, 8, 0, 0, i)).toISOString(),
          actor: 'router',
        },
      }),
    );
    await Promise.all(publishes);
    await waitForRecords(120);

    // A redelivery (same messageId) after the first was recorded.
    await publisher.publish({
      exchange: 'events',
      routingKey: 'dispatch.delivered',
      messageId: 'delivered-7',
      type: 'dispatch.delivered',
      body: {
        dispatchId: DISPATCH,
        recipientCode: '000.00.00.H41',
        deliverySeq: 7,
        occurredAt: '2026-03-12T08:00:00.007Z',
        actor: 'router',
      },
    });
    // An event type the axis does not know, and a known type whose body breaks its contract:
    // the handler registry would park both; the audit records both.
    await publisher.publish({
      exchange: 'events',
      routingKey: 'dispatch.teleported',
      messageId: 'unknown-type-1',
      type: 'dispatch.teleported',
      body: { dispatchId: DISPATCH, occurredAt: '2026-03-12T09:00:00.000Z', actor: 'nobody' },
    });
    await publisher.publish({
      exchange: 'events',
      routingKey: 'dispatch.delivered',
      messageId: 'breaks-contract-1',
      type: 'dispatch.delivered',
      body: { dispatchId: 'not-a-uuid' },
    });
    await waitForRecords(122);
    const consumers = moduleRef.get(ConsumerHost);
    await waitUntil(() => consumers.stats().acked >= 123, "the redelivery's ack");

    expect(await recordedCount()).toBe(122);
    const trail = await records.trailOf(DISPATCH);
    expect(trail).toHaveLength(121);
    expect(trail.filter((r) => r.eventId === 'delivered-7')).toHaveLength(1);
    const unknown = trail.find((r) => r.eventId === 'unknown-type-1');
    expect(unknown).toMatchObject({ eventType: 'dispatch.teleported', actor: 'nobody' });
    expect(unknown?.payload).toMatchObject({ meta: { unknownEventType: true } });
    const [broken] = await records.pageFrom(122, 1);
    expect(broken).toMatchObject({ eventId: 'breaks-contract-1', dispatchId: null });
    expect(broken.payload).toMatchObject({
      body: { dispatchId: 'not-a-uuid' },
      meta: { anomalies: ['DISPATCH_ID_INVALID', 'OCCURRED_AT_MISSING'] },
    });
    const delivered = trail.find((r) => r.eventId === 'delivered-3');
    expect(delivered).toMatchObject({
      eventType: 'dispatch.delivered',
      recipientCode: '000.00.00.H41',
      actor: 'router',
      occurredAt: new Date('2026-03-12T08:00:00.003Z'),
      payload: { meta: { correlationId: 'corr-int', routingKey: 'dispatch.delivered' } },
    });

    expect(consumers.stats()).toMatchObject({ acked: 123, parked: 0, requeued: 0 });
    expect(await moduleRef.get(AuditChainVerifier).verify()).toMatchObject({
      ok: true,
      recordsChecked: 122,
    });
  });

  it('records a batched event once per dispatch it lists, losing none when one of its appends fails, adding none on redelivery', async () => {
    const dataSource = moduleRef.get(DataSource);
    const consumers = moduleRef.get(ConsumerHost);
    const dispatchIds = Array.from({ length: 60 }, () => randomUUID());
    const batch = {
      exchange: 'events' as const,
      routingKey: 'dispatch.delivered.batch',
      messageId: 'delivered-batch-1',
      type: 'dispatch.delivered.batch',
      body: {
        recipientCode: '000.00.00.H41',
        occurredAt: '2026-03-12T10:00:00.000Z',
        actor: 'router',
        deliveries: dispatchIds.map((dispatchId, i) => ({
          dispatchId,
          senderCode: '000.00.00.G22',
          deliverySeq: 1000 + i,
        })),
      },
    };
    const batchRecords = async () =>
      dataSource.query<{ event_id: string; dispatch_id: string; event_type: string }[]>(
        `SELECT event_id, dispatch_id, event_type FROM audit_records
          WHERE payload->'meta'->'batch'->>'messageId' = $1 ORDER BY seq`,
        [batch.messageId],
      );
    // 60 records cross the batcher's 50: two appends. The second fails (a lost connection), so
    // the message is not acked, and its redelivery records what the first append had not.
    const appender = moduleRef.get(AuditAppender);
    const append = appender.append.bind(appender);
    let appends = 0;
    const spy = jest.spyOn(appender, 'append').mockImplementation(async (events) => {
      appends += 1;
      if (appends === 2) throw new Error('Connection terminated unexpectedly');
      return append(events);
    });
    const before = consumers.stats();
    try {
      await publisher.publish(batch);
      await waitUntil(
        async () => (await batchRecords()).length >= 60,
        'the batch recorded, its failed append redelivered',
      );
    } finally {
      spy.mockRestore();
    }
    const records = await batchRecords();
    expect(appends).toBeGreaterThanOrEqual(3);
    expect(consumers.stats().retried - before.retried).toBe(1);
    expect(records.map((r) => r.event_id).sort()).toEqual(
      dispatchIds.map((_, i) => `delivered-batch-1#${i}`).sort(),
    );
    expect(records.map((r) => r.dispatch_id).sort()).toEqual([...dispatchIds].sort());
    expect(new Set(records.map((r) => r.event_type))).toEqual(new Set(['dispatch.delivered']));

    // The same message once more (a redelivery after a lost ack): nothing new.
    const acked = consumers.stats().acked;
    await publisher.publish(batch);
    await waitUntil(() => consumers.stats().acked > acked, 'the repeated batch acked');
    expect(consumers.stats().acked).toBe(acked + 1);
    expect(await batchRecords()).toHaveLength(60);
    expect(consumers.stats().parked).toBe(0);
    expect(await moduleRef.get(AuditChainVerifier).verify()).toMatchObject({ ok: true });
  });
});
