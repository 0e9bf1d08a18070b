import { randomUUID } from 'node:crypto';
import { AmqpConnection } from '@docaxis/messaging/connection/amqp-connection';
import { retryHeaders } from '@docaxis/messaging/consumer/parking-headers';
import { ConfirmingPublisher } from '@docaxis/messaging/publisher/confirming-publisher';
import {
  QueueRecorder,
  testAmqpUrl,
  testPrefix,
  waitUntil,
} from '@docaxis/messaging/testing/rabbitmq-test-kit';
import { RecordingLogger } from '@docaxis/messaging/testing/recording-logger';
import { defineConsumerQueue } from '@docaxis/messaging/topology/consumer-queue-definition';
import { MessagingTopology } from '@docaxis/messaging/topology/messaging-topology';
import { collectParkedDelivery } from './parked-delivery';

const prefix = testPrefix('parked-delivery');
const submittedQueue = defineConsumerQueue({
  name: 'verifier.dispatch-submitted',
  bindings: [{ exchange: 'events', routingKey: 'dispatch.submitted' }],
});

/**
 * A message the broker dead-lettered itself after a retry carries two deaths: its retry step's
 * expiry (which only sent it back to its queue) and the rejection that parked it. What is filed
 * must name the queue it failed on, or a redrive would send it into the retry step, whose expiry
 * sends it back there, a cycle the broker ends by dropping it.
 */
describe('collectParkedDelivery of a message dead-lettered after a retry (real RabbitMQ)', () => {
  const logger = new RecordingLogger();
  let connection: AmqpConnection;
  let topology: MessagingTopology;
  let publisher: ConfirmingPublisher;
  let parked: QueueRecorder;

  beforeAll(async () => {
    connection = new AmqpConnection({ url: testAmqpUrl(), connectionName: prefix, logger });
    topology = new MessagingTopology(connection, { prefix, retryDelaysMs: [50], logger });
    await topology.declareQueue(submittedQueue);
    publisher = new ConfirmingPublisher(connection, topology, { logger });
    parked = await QueueRecorder.start(connection, topology.names.parkedQueue);
  });

  afterAll(async () => {
    await parked.stop();
    await publisher.close();
    await topology.deleteDeclared();
    await connection.close();
  });

  it('files it from the queue it was rejected on, not from the retry step it passed through', async () => {
    const queue = topology.queueName(submittedQueue);
    const messageId = randomUUID();
    // What ConsumerHost.retryLater sends for a first failure on `queue`.
    await publisher.publishRaw(topology.retryExchange(1)!, queue, Buffer.from('{}'), {
      messageId,
      type: 'dispatch.submitted',
      persistent: true,
      headers: retryHeaders(
        {
          fields: { routingKey: 'dispatch.submitted', exchange: 'docaxis.events' },
          properties: {},
        },
        { attempt: 1, reason: 'database down' },
      ),
    });
    const channel = await connection.createChannel();
    try {
      let back: Awaited<ReturnType<typeof channel.get>> = false;
      await waitUntil(async () => (back = await channel.get(queue)) !== false, 'the retry back');
      if (back === false) throw new Error('unreachable');
      // No requeue: the quorum queue dead-letters it to the parked queue.
      channel.reject(back, false);
      const collected = collectParkedDelivery(await parked.waitFor(messageId));
      expect(collected).toMatchObject({
        sourceQueue: queue,
        routingKey: 'dispatch.submitted',
        errorCode: 'BROKER_DEAD_LETTERED_REJECTED',
      });
    } finally {
      await channel.close().catch(() => undefined);
    }
  });
});
