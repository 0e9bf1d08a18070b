import { createTestDatabase } from '@docaxis/testing/test-database';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { DataSource } from 'typeorm';
import { AmqpConnection } from '../connection/amqp-connection';
import { ConsumerHost } from '../consumer/consumer-host';
import { MessageHandlerRegistry } from '../consumer/message-handler-registry';
import { MessageTypes } from '../contracts/message-types';
import { runOnce } from '../inbox/run-once';
import { ConfirmingPublisher } from '../publisher/confirming-publisher';
import { agencyInboxQueue, defineConsumerQueue } from '../topology/consumer-queue-definition';
import { MessagingTopology } from '../topology/messaging-topology';
import { testAmqpUrl, testPrefix, waitUntil } from '../testing/rabbitmq-test-kit';
import { RecordingLogger } from '../testing/recording-logger';
import { OutboxMessageInvalidError } from './outbox-message-invalid.error';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter, type OutboxMessageInput } from './outbox-writer';

const prefix = testPrefix('outbox');
const auditQueue = defineConsumerQueue({
  name: 'audit.all',
  bindings: [{ exchange: 'events', routingKey: '#' }],
});

function submitted(n: number): OutboxMessageInput<'dispatch.submitted'> {
  return {
    destination: 'events',
    routingKey: MessageTypes.DispatchSubmitted,
    messageType: MessageTypes.DispatchSubmitted,
    correlationId: `corr-${n}`,
    payload: {
      occurredAt: new Date().toISOString(),
      actor: 'gateway',
      dispatchId: '0190f3a0-0000-7000-8000-000000000001',
      senderCode: '000.00.00.G22',
      recipientCodes: ['000.00.00.H41'],
      fileCount: n,
    },
  };
}

/** One "app instance": its own pool, connection and publisher, like a second container. */
interface Instance {
  dataSource: DataSource;
  connection: AmqpConnection;
  publisher: ConfirmingPublisher;
}

describe('transactional outbox and relay (real PostgreSQL and RabbitMQ)', () => {
  const logger = new RecordingLogger();
  const writer = new OutboxWriter();
  let databaseUrl: string;
  let topology: MessagingTopology;
  let consumers: ConsumerHost;
  const instances: Instance[] = [];
  /** messageId → how many times the consumer saw it. */
  const seen = new Map<string, number>();

  const instance = async (name: string): Promise<Instance> => {
    const dataSource = new DataSource(dataSourceOptions({ url: databaseUrl, poolSize: 4 }));
    await dataSource.initialize();
    const connection = new AmqpConnection({
      url: testAmqpUrl(),
      connectionName: `${prefix}-${name}`,
      logger,
    });
    // A time-out far above any confirm on a loaded machine: a publish that timed out would be
    // retried, and the specs below count publishes and statements exactly.
    const publisher = new ConfirmingPublisher(connection, topology, {
      publishTimeoutMs: 30_000,
      logger,
    });
    const created = { dataSource, connection, publisher };
    instances.push(created);
    return created;
  };
  const outboxRows = async (dataSource: DataSource) =>
    dataSource.query<
      Array<{ id: string; attempts: number; last_error: string | null; retry_in_ms: number }>
    >(
      `SELECT id, attempts, last_error,
              (extract(epoch FROM available_at - now()) * 1000)::int AS retry_in_ms
         FROM outbox_messages ORDER BY created_at`,
    );

  let main: Instance;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('messaging-outbox');
    const consumerConnection = new AmqpConnection({
      url: testAmqpUrl(),
      connectionName: `${prefix}-consumer`,
      logger,
    });
    topology = new MessagingTopology(consumerConnection, { prefix, logger });
    await topology.declare();
    main = await instance('main');
    const registry = new MessageHandlerRegistry().consume(auditQueue, { prefetch: 500 });
    for (const type of [MessageTypes.DispatchSubmitted, MessageTypes.DispatchRouted]) {
      registry.handle(auditQueue, type, (message) => {
        seen.set(message.messageId, (seen.get(message.messageId) ?? 0) + 1);
        return Promise.resolve();
      });
    }
    consumers = new ConsumerHost(
      consumerConnection,
      topology,
      new ConfirmingPublisher(consumerConnection, topology, { logger }),
      registry,
      { logger },
    );
    await consumers.start();
    instances.push({
      dataSource: main.dataSource,
      connection: consumerConnection,
      publisher: main.publisher,
    });
  });

  afterAll(async () => {
    await consumers.stop();
    await topology.deleteDeclared();
    for (const { dataSource, connection, publisher } of instances) {
      await publisher.close();
      await connection.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    }
  });

  it('never publishes rows written in a rolled-back transaction', async () => {
    await expect(
      main.dataSource.transaction(async (manager) => {
        await writer.enqueueMany(manager, [submitted(1), submitted(2)]);
        await writer.enqueue(manager, submitted(3));
        throw new Error('business rule failed after the outbox write');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await outboxRows(main.dataSource)).toEqual([]);
    const relay = new OutboxRelay(main.dataSource, main.publisher, { logger });
    expect(await relay.relayBatch()).toEqual({ claimed: 0, published: 0, failed: 0 });
  });

  it('refuses a message that breaks its contract or names the wrong exchange, inside the transaction', async () => {
    await expect(
      main.dataSource.transaction((manager) =>
        writer.enqueue(manager, { ...submitted(1), destination: 'delivery' }),
      ),
    ).rejects.toBeInstanceOf(OutboxMessageInvalidError);
    await expect(
      main.dataSource.transaction((manager) =>
        writer.enqueue(manager, {
          ...submitted(1),
          payload: { ...submitted(1).payload, senderCode: 'nope' },
        }),
      ),
    ).rejects.toThrow(/OUTBOX_MESSAGE_INVALID|senderCode: must be a valid agency code/);
    expect(await outboxRows(main.dataSource)).toEqual([]);
  });

  it('publishes ~2,000 committed rows exactly once with two relays racing over them', async () => {
    const first = main;
    const second = await instance('second');
    const relays = [first, second].map(
      ({ dataSource, publisher }) =>
        new OutboxRelay(dataSource, publisher, { batchSize: 50, pollIntervalMs: 20, logger }),
    );
    relays.forEach((relay) => relay.start());
    const ids = await first.dataSource.transaction((manager) =>
      writer.enqueueMany(
        manager,
        Array.from({ length: 2000 }, (_, n) => submitted(n)),
      ),
    );
    expect(new Set(ids).size).toBe(2000);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/.test(id))).toBe(true);
    relays.forEach((relay) => relay.nudge());

    await waitUntil(() => ids.every((id) => seen.has(id)), 'all 2,000 messages at the consumer');
    await Promise.all(relays.map((relay) => relay.stop()));
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a duplicate to show up
    expect(ids.filter((id) => seen.get(id) !== 1)).toEqual([]);
    expect(await outboxRows(first.dataSource)).toEqual([]);
    const [a, b] = relays.map((relay) => relay.stats().published);
    expect(a + b).toBe(2000);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(await relays[0].backlog()).toEqual({ pending: 0, due: 0 });
  });

  it('works through a backlog with one statement per batch: each claim deletes the previous batch', async () => {
    const relay = new OutboxRelay(main.dataSource, main.publisher, {
      batchSize: 50,
      pollIntervalMs: 60_000,
      logger,
    });
    const ids = await main.dataSource.transaction((manager) =>
      writer.enqueueMany(
        manager,
        Array.from({ length: 200 }, (_, n) => submitted(n)),
      ),
    );
    const query = jest.spyOn(main.dataSource, 'query');
    try {
      relay.start();
      await waitUntil(() => ids.every((id) => seen.has(id)), 'all 200 messages');
      await waitUntil(
        async () => (await outboxRows(main.dataSource)).length === 0,
        'the last batch deleted',
      );
      await relay.stop();
      // 4 batches: 4 claims (the 2nd to 4th deleting their predecessor) and one claim that
      // deletes the last batch and finds nothing; a DELETE per batch would make it 9.
      const relayStatements = query.mock.calls.filter(([sql]) =>
        /^\s*(WITH|UPDATE|DELETE)/.test(sql),
      );
      expect(relayStatements).toHaveLength(5);
      expect(relay.stats().published).toBe(200);
    } finally {
      query.mockRestore();
      await relay.stop();
    }
  });

  it('a relay that does not poll when idle claims only when nudged, then goes idle again', async () => {
    const relay = new OutboxRelay(main.dataSource, main.publisher, {
      pollsWhenIdle: false,
      pollIntervalMs: 20,
      settleLingerMs: 20,
      logger,
    });
    const query = jest.spyOn(main.dataSource, 'query');
    const claims = () =>
      query.mock.calls.filter(([sql]) => /^\s*(WITH|UPDATE|DELETE)/.test(sql)).length;
    try {
      relay.start();
      const id = await main.dataSource.transaction((manager) =>
        writer.enqueue(manager, submitted(11)),
      );
      // Many poll intervals: a polling relay would have claimed (and published) it by now.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(claims()).toBe(0);
      expect((await outboxRows(main.dataSource)).map((row) => row.id)).toEqual([id]);

      relay.nudge();
      await waitUntil(() => seen.has(id), 'the nudged message');
      await waitUntil(
        async () => (await outboxRows(main.dataSource)).length === 0,
        'its row deleted',
      );
      const afterNudge = claims();
      await new Promise((resolve) => setTimeout(resolve, 500));
      // The claim that published it and the one that deleted it; none since.
      expect(afterNudge).toBe(2);
      expect(claims()).toBe(afterNudge);
    } finally {
      query.mockRestore();
      await relay.stop();
    }
  });

  it('leaves a row whose publish failed for a retry after a backoff, then publishes it', async () => {
    // A relay whose publisher is closed: every publish fails (as while the broker is away).
    const broken = await instance('closed-publisher');
    await broken.publisher.close();
    // A backoff of a minute, and the minute passed by moving the row's due time (PostgreSQL's
    // clock decides what is due): a short real backoff raced the statements that check it is
    // not due yet, which a loaded machine can run later than its end.
    const BACKOFF_MS = 60_000;
    const retry = { baseMs: BACKOFF_MS, maxMs: BACKOFF_MS };
    const failing = new OutboxRelay(main.dataSource, broken.publisher, { retry, logger });
    const id = await main.dataSource.transaction((manager) =>
      writer.enqueue(manager, submitted(7)),
    );
    expect(await failing.relayBatch()).toEqual({ claimed: 1, published: 0, failed: 1 });
    const [row] = await outboxRows(main.dataSource);
    expect(row).toMatchObject({ id, attempts: 1 });
    expect(row.last_error).toMatch(/^MESSAGING_PUBLISH_FAILED: .*the publisher is closed/);
    expect(row.retry_in_ms).toBeGreaterThan(BACKOFF_MS - 15_000);
    expect(row.retry_in_ms).toBeLessThanOrEqual(BACKOFF_MS);
    expect(failing.stats().lastError?.message).toContain('MESSAGING_PUBLISH_FAILED');
    const relay = new OutboxRelay(main.dataSource, main.publisher, { retry, logger });
    expect(await relay.backlog()).toEqual({ pending: 1, due: 0 });
    // Not due yet: nothing is claimed before the backoff ends.
    expect((await relay.relayBatch()).claimed).toBe(0);

    await main.dataSource.query(
      `UPDATE outbox_messages SET available_at = available_at - $2 * interval '1 millisecond'
        WHERE id = $1`,
      [id, BACKOFF_MS],
    );
    expect(await relay.backlog()).toEqual({ pending: 1, due: 1 });
    expect(await relay.relayBatch()).toEqual({ claimed: 1, published: 1, failed: 0 });
    expect(await outboxRows(main.dataSource)).toEqual([]);
    await waitUntil(() => seen.has(id), 'the retried message');
  });

  it('declares the inbox of a delivery the broker returned unroutable and publishes it again at once, without a retry', async () => {
    const agency = '000.00.00.H20';
    const relay = new OutboxRelay(main.dataSource, main.publisher, { logger });
    await main.dataSource.transaction((manager) =>
      writer.enqueueMany(manager, [
        {
          destination: 'delivery',
          routingKey: agency,
          messageType: MessageTypes.DeliveryRequested,
          payload: {
            occurredAt: new Date().toISOString(),
            actor: 'router',
            dispatchId: '0190f3a0-0000-7000-8000-000000000001',
            recipientCode: agency,
            priority: 0,
          },
        },
      ]),
    );
    // No inbox for that agency yet (no router consumes it): the relay declares it.
    expect(await relay.relayBatch()).toEqual({ claimed: 1, published: 1, failed: 0 });
    expect(relay.stats()).toMatchObject({ published: 1, failed: 0, inboxesDeclared: 1 });
    expect(await outboxRows(main.dataSource)).toEqual([]);
    const channel = await main.connection.createChannel();
    try {
      const inbox = await channel.checkQueue(topology.queueName(agencyInboxQueue(agency)));
      expect(inbox.messageCount).toBe(1);
    } finally {
      await channel.close();
    }
    expect(logger.messages('log').join('\n')).toContain(
      `declared the inbox queue of agency ${agency}`,
    );
  });

  it('publishes right after a nudge instead of waiting for the next poll', async () => {
    const relay = new OutboxRelay(main.dataSource, main.publisher, {
      pollIntervalMs: 60_000,
      logger,
    });
    relay.start();
    try {
      // Its first (empty) poll is over: it sleeps until the next one (a fixed 50 ms pause let a
      // slow first poll find the row itself, and the nudge then proved nothing).
      await waitUntil(
        () => (relay as unknown as { wake?: () => void }).wake !== undefined,
        'the relay asleep after its first poll',
      );
      const id = await main.dataSource.transaction((manager) =>
        writer.enqueue(manager, submitted(42)),
      );
      relay.nudge();
      // The next poll is a minute away: arriving well within that proves the nudge did it.
      await waitUntil(() => seen.has(id), 'the nudged message');
    } finally {
      await relay.stop();
    }
  });

  it('runOnce: the same message twice runs the work once; a failed attempt leaves no mark', async () => {
    let runs = 0;
    const work = async (manager: Parameters<Parameters<typeof runOnce>[3]>[0]) => {
      runs += 1;
      return writer.enqueue(manager, {
        destination: 'events',
        routingKey: MessageTypes.DispatchRouted,
        messageType: MessageTypes.DispatchRouted,
        payload: {
          occurredAt: new Date().toISOString(),
          actor: 'router',
          dispatchId: '0190f3a0-0000-7000-8000-000000000003',
          recipientCodes: ['000.00.00.H41'],
        },
      });
    };
    await expect(
      runOnce(main.dataSource, 'router.route-dispatch', 'msg-1', async (manager) => {
        await work(manager);
        throw new Error('crashed mid-way');
      }),
    ).rejects.toThrow('crashed mid-way');
    expect(await outboxRows(main.dataSource)).toEqual([]);

    const firstTime = await runOnce(main.dataSource, 'router.route-dispatch', 'msg-1', work);
    const again = await runOnce(main.dataSource, 'router.route-dispatch', 'msg-1', work);
    const otherConsumer = await runOnce(main.dataSource, 'audit.record', 'msg-1', () =>
      Promise.resolve('audit'),
    );
    expect(firstTime.duplicate).toBe(false);
    expect(typeof firstTime.result).toBe('string');
    expect(again).toEqual({ duplicate: true });
    expect(otherConsumer).toEqual({ duplicate: false, result: 'audit' });
    expect(runs).toBe(2); // the rolled-back attempt, then exactly one more
    expect((await outboxRows(main.dataSource)).map((r) => r.id)).toEqual([firstTime.result]);

    // Concurrent redeliveries serialise on the key: one runs, the other is a duplicate.
    const racing = await Promise.all(
      [1, 2].map(() =>
        runOnce(main.dataSource, 'router.route-dispatch', 'msg-2', async () => {
          await new Promise((resolve) => setTimeout(resolve, 100));
          return 'ran';
        }),
      ),
    );
    expect(racing.map((r) => r.duplicate).sort()).toEqual([false, true]);
    await main.dataSource.query('DELETE FROM outbox_messages');
  });
});
