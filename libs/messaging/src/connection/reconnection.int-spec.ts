import { ConsumerHost } from '../consumer/consumer-host';
import type { InboundMessage } from '../consumer/inbound-message';
import { MessageHandlerRegistry } from '../consumer/message-handler-registry';
import { ConfirmingPublisher } from '../publisher/confirming-publisher';
import { defineConsumerQueue } from '../topology/consumer-queue-definition';
import { MessagingTopology } from '../topology/messaging-topology';
import {
  closeConnectionsNamed,
  testAmqpUrl,
  testPrefix,
  waitUntil,
} from '../testing/rabbitmq-test-kit';
import { RecordingLogger } from '../testing/recording-logger';
import { AmqpConnection } from './amqp-connection';

const prefix = testPrefix('reconnect');
const connectionName = `${prefix}-app`;
const routedQueue = defineConsumerQueue({
  name: 'router.dispatch-routed',
  bindings: [{ exchange: 'events', routingKey: 'dispatch.routed' }],
});

describe('recovery after the broker closes the connection (real RabbitMQ, rabbitmqctl)', () => {
  const logger = new RecordingLogger();
  let connection: AmqpConnection;
  let topology: MessagingTopology;
  let publisher: ConfirmingPublisher;
  let consumers: ConsumerHost;
  const received: InboundMessage[] = [];

  const publish = (messageId: string) =>
    publisher.publish({
      exchange: 'events',
      routingKey: 'dispatch.routed',
      messageId,
      type: 'dispatch.routed',
      body: {
        occurredAt: new Date().toISOString(),
        actor: 'router',
        dispatchId: '0190f3a0-0000-7000-8000-000000000009',
        recipientCodes: ['000.00.00.H41'],
      },
    });

  beforeAll(async () => {
    connection = new AmqpConnection({
      url: testAmqpUrl(),
      connectionName,
      reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
      logger,
    });
    await connection.start();
    topology = new MessagingTopology(connection, { prefix, logger });
    await topology.declare();
    // The publish made during the outage waits for the whole recovery (noticing the loss,
    // reconnecting, re-declaring the topology, the confirm): many seconds on a loaded machine,
    // so a bound well above it (8 s raced it); what it proves is that it waits instead of failing.
    publisher = new ConfirmingPublisher(connection, topology, { publishTimeoutMs: 45_000, logger });
    const registry = new MessageHandlerRegistry()
      .consume(routedQueue)
      .handle(routedQueue, 'dispatch.routed', (message) => {
        received.push(message);
        return Promise.resolve();
      });
    consumers = new ConsumerHost(connection, topology, publisher, registry, { logger });
    await consumers.start();
  });

  afterAll(async () => {
    await consumers.stop();
    await publisher.close();
    await topology.deleteDeclared();
    await connection.close();
  });

  it('reconnects by itself, re-declares the topology, restarts consumers, and publishing resumes', async () => {
    await publish('before-close');
    await waitUntil(
      () => received.some((m) => m.messageId === 'before-close'),
      'the first message',
    );
    expect(connection.health()).toMatchObject({ connected: true, connectCount: 1 });

    // Remove a piece of topology behind the app's back: only a re-declaration brings it back.
    const side = new AmqpConnection({
      url: testAmqpUrl(),
      connectionName: `${prefix}-side`,
      logger,
    });
    const sideChannel = await side.createChannel();
    await sideChannel.deleteQueue(topology.names.parkedQueue);

    expect(await closeConnectionsNamed(connectionName)).toBe(1);
    // Published while the connection is down: waits for the recovery instead of failing.
    const duringOutage = publish('during-outage');
    await waitUntil(
      () => !connection.isConnected() || connection.health().connectCount > 1,
      'the loss to be seen',
    );

    await waitUntil(
      () => connection.health().connectCount === 2 && connection.isConnected(),
      'the reconnection',
    );
    expect(connection.health().lastDisconnectReason).toMatch(
      /CONNECTION_FORCED|closed by a docaxis test/,
    );
    await expect(duringOutage).resolves.toBeUndefined();
    await waitUntil(() => consumers.isConsuming(), 'consumers to be back');

    await publish('after-reconnect');
    await waitUntil(
      () =>
        ['during-outage', 'after-reconnect'].every((id) =>
          received.some((m) => m.messageId === id),
        ),
      'messages published around the outage',
    );
    await expect(sideChannel.checkQueue(topology.names.parkedQueue)).resolves.toMatchObject({
      queue: topology.names.parkedQueue,
    });
    await side.close();
    expect(logger.messages('warn')).toEqual(
      expect.arrayContaining([expect.stringContaining('lost the RabbitMQ connection')]),
    );
  });

  it('reopens a consumer channel the broker closed while the connection stayed up', async () => {
    // Acking an unknown delivery tag is a channel error (406): the broker closes that channel only.
    const channel = (
      consumers as unknown as {
        subscriptions: Map<string, { channel?: { ack(m: unknown): void } }>;
      }
    ).subscriptions.get(topology.queueName(routedQueue))!.channel!;
    channel.ack({ fields: { deliveryTag: 999_999 } });
    await waitUntil(() => !consumers.isConsuming(), 'the channel to close');
    await waitUntil(() => consumers.isConsuming(), 'the consumer to be restarted');
    expect(connection.health().connectCount).toBe(2);
    await publish('after-channel-error');
    await waitUntil(
      () => received.some((m) => m.messageId === 'after-channel-error'),
      'a message on the new channel',
    );
  });
});
