import { NotFoundError } from '@docaxis/errors/domain-error-kinds';
import { AmqpConnection } from '../connection/amqp-connection';
import { ConfirmingPublisher } from '../publisher/confirming-publisher';
import { defineConsumerQueue } from '../topology/consumer-queue-definition';
import { MessagingTopology } from '../topology/messaging-topology';
import { QueueRecorder, testAmqpUrl, testPrefix, waitUntil } from '../testing/rabbitmq-test-kit';
import { RecordingLogger } from '../testing/recording-logger';
import { ConsumerHost } from './consumer-host';
import { MessageBatcher } from './message-batcher';
import { MessageHandlerRegistry } from './message-handler-registry';

const prefix = testPrefix('batcher');
const submittedQueue = defineConsumerQueue({
  name: 'verifier.dispatch-submitted',
  bindings: [{ exchange: 'events', routingKey: 'dispatch.submitted' }],
});

function submittedBody() {
  return {
    occurredAt: new Date().toISOString(),
    actor: 'gateway',
    dispatchId: '0190f3a0-0000-7000-8000-000000000001',
    senderCode: '000.00.00.G22',
    recipientCodes: ['000.00.00.H41'],
    fileCount: 1,
  };
}

/** A consumer whose handler submits each message's id to a batcher (as the router's inboxes do). */
describe('MessageBatcher behind the ConsumerHost (real RabbitMQ)', () => {
  const logger = new RecordingLogger();
  let connection: AmqpConnection;
  let topology: MessagingTopology;
  let publisher: ConfirmingPublisher;
  let parked: QueueRecorder;
  let consumers: ConsumerHost | undefined;

  const consume = async (batcher: MessageBatcher<string>): Promise<ConsumerHost> => {
    const registry = new MessageHandlerRegistry()
      .consume(submittedQueue)
      .handle(submittedQueue, 'dispatch.submitted', (message) => batcher.submit(message.messageId));
    consumers = new ConsumerHost(connection, topology, publisher, registry, {
      logger,
      prefetch: 20,
    });
    await consumers.start();
    return consumers;
  };

  const publishAll = (ids: readonly string[]) =>
    Promise.all(
      ids.map((messageId) =>
        publisher.publish({
          exchange: 'events',
          routingKey: 'dispatch.submitted',
          messageId,
          type: 'dispatch.submitted',
          body: submittedBody(),
        }),
      ),
    );

  beforeAll(async () => {
    connection = new AmqpConnection({ url: testAmqpUrl(), connectionName: prefix, logger });
    topology = new MessagingTopology(connection, {
      prefix,
      deliveryLimit: 2,
      retryDelaysMs: [50],
      logger,
    });
    await topology.declare();
    publisher = new ConfirmingPublisher(connection, topology, { logger });
    parked = await QueueRecorder.start(connection, topology.names.parkedQueue);
  });

  afterEach(async () => {
    await consumers?.stop();
    consumers = undefined;
  });

  afterAll(async () => {
    await parked.stop();
    await publisher.close();
    await topology.deleteDeclared();
    await connection.close();
  });

  it('handles what arrives together in one batch, and acks none of it before the batch is done', async () => {
    const batches: string[][] = [];
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    const ids = ['a-1', 'a-2', 'a-3', 'a-4', 'a-5'];
    // The batch closes when it is full, not when a linger ends: a 300 ms linger raced the
    // deliveries, which a loaded broker and client can spread over more than that.
    const host = await consume(
      new MessageBatcher<string>({
        maxSize: ids.length,
        lingerMs: 60_000,
        handleBatch: async (batch) => {
          batches.push([...batch]);
          await committed;
        },
        handleOne: () => Promise.reject(new Error('only batches expected')),
      }),
    );
    await publishAll(ids);
    await waitUntil(() => batches.flat().length === ids.length, 'every message in a batch');
    expect(batches).toEqual([ids]);
    // The batch has not committed: every message is still unacked, held by the consumer.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(host.stats()).toMatchObject({ acked: 0, inFlight: ids.length });
    commit();
    await waitUntil(() => host.stats().acked === ids.length, 'every message acked');
    expect(host.stats()).toMatchObject({ acked: 5, retried: 0, parked: 0, inFlight: 0 });
  });

  it('parks the poisoned message of a failed batch and handles the others one by one', async () => {
    const batches: string[][] = [];
    const alone: string[] = [];
    const ids = ['b-1', 'b-poison', 'b-2', 'b-3'];
    // Full batch, not a linger (as above).
    const host = await consume(
      new MessageBatcher<string>({
        maxSize: ids.length,
        lingerMs: 60_000,
        handleBatch: (batch) => {
          batches.push([...batch]);
          return Promise.reject(new Error('one of them breaks the statement'));
        },
        handleOne: (id) => {
          if (id === 'b-poison') {
            return Promise.reject(new NotFoundError('DISPATCH_NOT_FOUND', 'No such dispatch.'));
          }
          alone.push(id);
          return Promise.resolve();
        },
      }),
    );
    await publishAll(ids);
    const copy = await parked.waitFor('b-poison');
    expect(copy.properties.headers).toMatchObject({
      'x-docaxis-parked-code': 'DISPATCH_NOT_FOUND',
    });
    await waitUntil(() => host.stats().acked === 3, 'the others acked');
    expect(batches).toEqual([ids]);
    expect(alone.sort()).toEqual(['b-1', 'b-2', 'b-3']);
    expect(host.stats()).toMatchObject({ acked: 3, parked: 1, retried: 0 });
  });

  it('retries only the message that failed transiently, after its batch failed', async () => {
    const alone: string[] = [];
    let flaky = 0;
    const host = await consume(
      new MessageBatcher<string>({
        maxSize: 50,
        lingerMs: 300,
        handleBatch: () => Promise.reject(new Error('connection reset')),
        handleOne: (id) => {
          if (id === 'c-flaky' && flaky++ === 0)
            return Promise.reject(new Error('connection reset'));
          alone.push(id);
          return Promise.resolve();
        },
      }),
    );
    await publishAll(['c-1', 'c-flaky', 'c-2']);
    await waitUntil(() => alone.includes('c-flaky'), 'the flaky message handled on its retry');
    // The flaky one's first delivery went to the retry queue (acked as retried); its copy came back.
    await waitUntil(() => host.stats().acked === 3 && host.stats().retried === 1, 'acks');
    expect(alone.sort()).toEqual(['c-1', 'c-2', 'c-flaky']);
    expect(parked.byMessageId('c-flaky')).toBeUndefined();
  });
});
