import type { Options } from 'amqplib';
import { AmqpConnection } from '../connection/amqp-connection';
import { ConfirmingPublisher } from '../publisher/confirming-publisher';
import { defineConsumerQueue } from '../topology/consumer-queue-definition';
import { MessagingTopology } from '../topology/messaging-topology';
import {
  closeConnectionsNamed,
  queueDepth,
  testAmqpUrl,
  testPrefix,
  waitUntil,
} from '../testing/rabbitmq-test-kit';
import { RecordingLogger } from '../testing/recording-logger';
import { ConsumerHost } from './consumer-host';
import type { InboundMessage } from './inbound-message';
import { MessageHandlerRegistry } from './message-handler-registry';
import { UnprocessableMessageError } from './unprocessable-message.error';

const prefix = testPrefix('copy-redelivery');
/** Long: a retry copy stays in its retry queue for the whole spec, where it is counted. */
const RETRY_DELAY_MS = 10 * 60_000;
const queue = defineConsumerQueue({
  name: 'copy-redelivery.submitted',
  bindings: [{ exchange: 'events', routingKey: 'dispatch.submitted' }],
});

/**
 * The consumer host's publisher: once armed, after the next retry or parked copy is confirmed it
 * drops the consumers' connection before letting the host ack the original. The ack is lost, and
 * the broker redelivers the original to the consumer restarted on the new connection.
 */
class ConnectionDroppingPublisher extends ConfirmingPublisher {
  armed = false;
  consumers?: AmqpConnection;

  override async publishRaw(
    exchange: string,
    routingKey: string,
    content: Buffer,
    options: Options.Publish,
  ): Promise<void> {
    await super.publishRaw(exchange, routingKey, content, options);
    if (!this.armed || !this.consumers) return;
    this.armed = false;
    const consumers = this.consumers;
    const before = consumers.health().connectCount;
    await closeConnectionsNamed(consumers.name);
    await waitUntil(() => consumers.health().connectCount > before, 'the consumers to reconnect');
  }
}

/**
 * A retry or parked copy is confirmed, then the original's ack is lost with its channel: the
 * redelivered original must not become a second copy (a second retry chain, a second parked row).
 */
describe('a message redelivered after its retry or parked copy was published (real RabbitMQ)', () => {
  const logger = new RecordingLogger();
  let connection: AmqpConnection;
  let consumerConnection: AmqpConnection;
  let topology: MessagingTopology;
  let publisher: ConfirmingPublisher;
  let hostPublisher: ConnectionDroppingPublisher;
  let consumers: ConsumerHost;
  const handled: InboundMessage[] = [];

  beforeAll(async () => {
    connection = new AmqpConnection({
      url: testAmqpUrl(),
      connectionName: `${prefix}-main`,
      logger,
    });
    await connection.start();
    consumerConnection = new AmqpConnection({
      url: testAmqpUrl(),
      connectionName: `${prefix}-consumers`,
      reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
      logger,
    });
    await consumerConnection.start();
    topology = new MessagingTopology(connection, {
      prefix,
      retryDelaysMs: [RETRY_DELAY_MS],
      logger,
    });
    await topology.declare();
    publisher = new ConfirmingPublisher(connection, topology, { logger });
    hostPublisher = new ConnectionDroppingPublisher(connection, topology, { logger });
    hostPublisher.consumers = consumerConnection;
    consumers = new ConsumerHost(
      consumerConnection,
      topology,
      hostPublisher,
      new MessageHandlerRegistry(),
      { logger },
    );
    await consumers.consume(queue, (message) => {
      handled.push(message);
      if (message.messageId.startsWith('park-')) {
        throw new UnprocessableMessageError('SPEC_REFUSED', 'refused by the spec');
      }
      throw new Error('the database is restarting');
    });
    await consumers.start();
  });

  afterAll(async () => {
    await consumers.stop();
    await hostPublisher.close();
    await publisher.close();
    await topology.deleteDeclared();
    await consumerConnection.close();
    await connection.close();
  });

  const publishSubmitted = (messageId: string) =>
    publisher.publish({
      exchange: 'events',
      routingKey: 'dispatch.submitted',
      messageId,
      type: 'dispatch.submitted',
      body: { n: 1 },
    });

  /**
   * Until the consumers reconnected (the redelivered original was requeued before that) and every
   * delivery of the queue is settled, the redelivered original included.
   */
  const settled = (connectCountBefore: number) =>
    waitUntil(
      async () =>
        consumerConnection.health().connectCount > connectCountBefore &&
        (await queueDepth(topology.queueName(queue))) === 0,
      'the redelivered original to be settled',
    );

  it('parks a message once, although its original came back after the parked copy was confirmed', async () => {
    const parkedBefore = (await checkQueue(topology.names.parkedQueue)).messageCount;
    const connectCount = consumerConnection.health().connectCount;
    hostPublisher.armed = true;
    await publishSubmitted('park-1');
    await settled(connectCount);

    expect(handled.filter((m) => m.messageId === 'park-1')).toHaveLength(1);
    const { messageCount } = await checkQueue(topology.names.parkedQueue);
    expect(messageCount - parkedBefore).toBe(1);
    expect(consumers.stats().alreadyCopied).toBe(1);
  });

  it('sends a message to its retry step once, although its original came back after the retry copy was confirmed', async () => {
    const retryQueue = topology.declaredQueueNames().find((name) => name.includes('.retry.'))!;
    const connectCount = consumerConnection.health().connectCount;
    hostPublisher.armed = true;
    await publishSubmitted('retry-1');
    await settled(connectCount);

    expect(handled.filter((m) => m.messageId === 'retry-1')).toHaveLength(1);
    expect((await checkQueue(retryQueue)).messageCount).toBe(1);
    expect(consumers.stats().alreadyCopied).toBe(2);
  });

  async function checkQueue(name: string) {
    const channel = await connection.createChannel();
    try {
      return await channel.checkQueue(name);
    } finally {
      await channel.close();
    }
  }
});
