import { createTestDatabase } from '@docaxis/testing/test-database';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { DataSource } from 'typeorm';
import { AmqpConnection } from '../connection/amqp-connection';
import { MessageTypes } from '../contracts/message-types';
import { runOnce } from '../inbox/run-once';
import { ConfirmingPublisher } from '../publisher/confirming-publisher';
import { defineConsumerQueue } from '../topology/consumer-queue-definition';
import { MessagingTopology } from '../topology/messaging-topology';
import { testAmqpUrl, testPrefix, waitUntil } from '../testing/rabbitmq-test-kit';
import { RecordingLogger } from '../testing/recording-logger';
import { ConsumerHost } from './consumer-host';
import type { InboundMessage } from './inbound-message';
import { MessageHandlerRegistry } from './message-handler-registry';

const prefix = testPrefix('shutdown');
const routedQueue = defineConsumerQueue({
  name: 'shutdown.dispatch-routed',
  bindings: [{ exchange: 'events', routingKey: MessageTypes.DispatchRouted }],
});

/** One app instance: its own connection, publisher and consumer host on the shared queue. */
interface Instance {
  connection: AmqpConnection;
  publisher: ConfirmingPublisher;
  consumers: ConsumerHost;
}

/**
 * Graceful shutdown with work that does not finish in time: the stopping instance acks nothing
 * it has not finished, the broker redelivers the message to another instance, and the
 * idempotent consumer (runOnce) makes sure its effect is committed once.
 */
describe('shutdown with a handler still running (real RabbitMQ and PostgreSQL)', () => {
  const logger = new RecordingLogger();
  let db: DataSource;
  let topology: MessagingTopology;
  /** Declares the topology and publishes the test message. */
  let setup: { connection: AmqpConnection; publisher: ConfirmingPublisher };
  const instances: Instance[] = [];
  /** Deliveries seen by each instance, by message id. */
  const deliveries: Array<{ instance: string; message: InboundMessage }> = [];

  const start = async (name: string, handle: (m: InboundMessage) => Promise<void>) => {
    const connection = new AmqpConnection({
      url: testAmqpUrl(),
      connectionName: `${prefix}-${name}`,
      logger,
    });
    const publisher = new ConfirmingPublisher(connection, topology, { logger });
    const registry = new MessageHandlerRegistry()
      .consume(routedQueue, { prefetch: 1 })
      .handle(routedQueue, MessageTypes.DispatchRouted, async (message) => {
        deliveries.push({ instance: name, message });
        await handle(message);
      });
    const consumers = new ConsumerHost(connection, topology, publisher, registry, {
      logger,
      stopTimeoutMs: 300,
    });
    await consumers.start();
    const instance = { connection, publisher, consumers };
    instances.push(instance);
    return instance;
  };

  /** The effect of handling a message, recorded in the same transaction as its processed mark. */
  const recordEffect = (message: InboundMessage, wait: Promise<void> = Promise.resolve()) =>
    runOnce(db, 'shutdown-test', message.messageId, async (manager) => {
      await wait;
      await manager.query(`INSERT INTO shutdown_effects (message_id) VALUES ($1)`, [
        message.messageId,
      ]);
    }).then(() => undefined);

  beforeAll(async () => {
    db = new DataSource(
      dataSourceOptions({ url: await createTestDatabase('messaging-shutdown'), poolSize: 4 }),
    );
    await db.initialize();
    // No unique constraint: a second commit of the effect would show as a second row.
    await db.query(`CREATE TABLE shutdown_effects (message_id text NOT NULL)`);
    const connection = new AmqpConnection({
      url: testAmqpUrl(),
      connectionName: `${prefix}-topology`,
      logger,
    });
    topology = new MessagingTopology(connection, { prefix, logger });
    await topology.declare();
    await topology.declareQueue(routedQueue);
    setup = { connection, publisher: new ConfirmingPublisher(connection, topology, { logger }) };
  });

  afterAll(async () => {
    for (const { consumers } of instances) await consumers.stop();
    await topology.deleteDeclared();
    for (const { connection, publisher } of [...instances, setup]) {
      await publisher.close();
      await connection.close();
    }
    await db.destroy();
  });

  it('redelivers the interrupted message to another instance, which processes it once', async () => {
    let release: () => void = () => undefined;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    // Instance A takes the message and hangs inside its transaction (a slow database, say).
    const a = await start('a', (message) => recordEffect(message, stuck));
    await setup.publisher.publish({
      exchange: 'events',
      routingKey: MessageTypes.DispatchRouted,
      messageId: 'interrupted-1',
      type: MessageTypes.DispatchRouted,
      body: {
        occurredAt: new Date().toISOString(),
        actor: 'router',
        dispatchId: '0190f3a0-0000-7000-8000-000000000003',
        recipientCodes: ['000.00.00.H41'],
      },
    });
    await waitUntil(() => deliveries.length === 1, 'instance A to take the message');

    // A is asked to stop; its handler does not finish within the stop time-out.
    await a.consumers.stop();
    expect(a.consumers.stats()).toMatchObject({ acked: 0 });

    // B gets the very same message again, marked as redelivered.
    const b = await start('b', (message) => recordEffect(message));
    await waitUntil(() => deliveries.length === 2, 'the broker to redeliver it to instance B');
    expect(deliveries[1]).toMatchObject({
      instance: 'b',
      message: { messageId: 'interrupted-1', redelivered: true },
    });

    // A's handler finally completes (its late ack goes nowhere: its channel is closed).
    release();
    await waitUntil(() => b.consumers.stats().acked === 1, 'instance B to ack it');
    const effects = await db.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM shutdown_effects WHERE message_id = 'interrupted-1'`,
    );
    expect(effects[0].count).toBe(1);
  });
});
