import { createServer } from 'node:net';
import { AmqpConnection } from '../connection/amqp-connection';
import { ConsumerHost } from '../consumer/consumer-host';
import type { InboundMessage } from '../consumer/inbound-message';
import { MessageHandlerRegistry } from '../consumer/message-handler-registry';
import { AUDIT_EVENTS_QUEUE } from '../topology/audit-events-queue';
import { defineConsumerQueue } from '../topology/consumer-queue-definition';
import { MessagingTopology } from '../topology/messaging-topology';
import { PausableTcpProxy } from '../testing/pausable-tcp-proxy';
import { testAmqpUrl, testPrefix, waitUntil } from '../testing/rabbitmq-test-kit';
import { RecordingLogger } from '../testing/recording-logger';
import { ConfirmingPublisher } from './confirming-publisher';
import { MessageUnroutableError } from './message-unroutable.error';
import { PublishFailedError } from './publish-failed.error';
import { PublishTimeoutError } from './publish-timeout.error';

const prefix = testPrefix('publisher');
const queue = defineConsumerQueue({
  name: 'test.submitted',
  bindings: [{ exchange: 'events', routingKey: 'dispatch.submitted' }],
});

describe('ConfirmingPublisher (real RabbitMQ)', () => {
  const logger = new RecordingLogger();
  let connection: AmqpConnection;
  let topology: MessagingTopology;
  let publisher: ConfirmingPublisher;
  let consumers: ConsumerHost;
  const received: InboundMessage[] = [];

  beforeAll(async () => {
    connection = new AmqpConnection({
      url: testAmqpUrl(),
      connectionName: `${prefix}-main`,
      logger,
    });
    await connection.start();
    topology = new MessagingTopology(connection, { prefix, logger });
    await topology.declare();
    // Not the time-out under test (the specs below make their own publishers for that): far above
    // any confirm, so the 1,500 large publishes queued behind back-pressure cannot time out on a
    // loaded machine and broker.
    publisher = new ConfirmingPublisher(connection, topology, { publishTimeoutMs: 45_000, logger });
    consumers = new ConsumerHost(connection, topology, publisher, new MessageHandlerRegistry(), {
      logger,
    });
    await consumers.consume(queue, (message) => {
      received.push(message);
      return Promise.resolve();
    });
    await consumers.start();
  });

  afterAll(async () => {
    await consumers.stop();
    await publisher.close();
    await topology.deleteDeclared();
    await connection.close();
  });

  it('publishes many messages at once with confirms, and the consumer gets each with its properties and acks it', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `pub-ack-${i}`);
    await Promise.all(
      ids.map((messageId, i) =>
        publisher.publish({
          exchange: 'events',
          routingKey: 'dispatch.submitted',
          messageId,
          type: 'dispatch.submitted',
          body: { n: i, subject: 'Công văn số 7816' },
          correlationId: `corr-${i}`,
          headers: { 'x-origin': 'spec' },
        }),
      ),
    );
    expect(publisher.stats()).toMatchObject({ inFlight: 0, failed: 0 });
    expect(publisher.stats().confirmed).toBeGreaterThanOrEqual(200);
    await waitUntil(
      () => received.filter((m) => m.messageId.startsWith('pub-ack-')).length === 200,
      '200 deliveries',
    );
    const first = received.find((m) => m.messageId === 'pub-ack-7')!;
    expect(first).toMatchObject({
      type: 'dispatch.submitted',
      correlationId: 'corr-7',
      body: { n: 7, subject: 'Công văn số 7816' },
      redelivered: false,
      deliveryCount: 0,
      exchange: `${prefix}.events`,
      routingKey: 'dispatch.submitted',
      headers: { 'x-origin': 'spec', 'x-correlation-id': 'corr-7' },
    });
    // Acked: nothing is left in the queue, ready or unacknowledged.
    await waitUntil(() => consumers.stats().inFlight === 0, 'handlers to finish');
    const channel = await connection.createChannel();
    const { messageCount } = await channel.checkQueue(topology.queueName(queue));
    await channel.close();
    expect(messageCount).toBe(0);
  });

  it('rejects a mandatory publish that no queue would receive', async () => {
    const failedBefore = publisher.stats().failed;
    const toMissingInbox = () =>
      publisher.publish({
        exchange: 'delivery',
        routingKey: '000.00.00.H14',
        messageId: 'unroutable-2',
        type: 'delivery.requested',
        body: {},
      });
    const unroutable = toMissingInbox();
    await expect(unroutable).rejects.toBeInstanceOf(MessageUnroutableError);
    await expect(unroutable).rejects.toMatchObject({ code: 'MESSAGING_UNROUTABLE' });
    await expect(toMissingInbox()).rejects.toThrow(/returned unroutable \(NO_ROUTE\)/);
    // Once the agency's inbox exists, the same publish is routed.
    await topology.ensureAgencyInbox('000.00.00.H14');
    await expect(toMissingInbox()).resolves.toBeUndefined();
    // The channel survived the returns: publishing goes on.
    expect(publisher.stats().failed - failedBefore).toBe(2);
  });

  it("routes an event of any type to the audit's catch-all queue, which the shared topology declares", async () => {
    const alone = new MessagingTopology(connection, { prefix: `${prefix}-alone`, logger });
    await alone.declare(); // what every app declares at start-up, no consumer queue of its own
    const lonely = new ConfirmingPublisher(connection, alone, { logger });
    try {
      await expect(
        lonely.publish({
          exchange: 'events',
          routingKey: 'dispatch.nobody-listens',
          messageId: 'catch-all-1',
          type: 'dispatch.nobody-listens',
          body: {},
        }),
      ).resolves.toBeUndefined();
      const catchAll = alone.queueName(AUDIT_EVENTS_QUEUE);
      expect(alone.declaredQueueNames()).toContain(catchAll);
      const channel = await connection.createChannel();
      const { messageCount } = await channel.checkQueue(catchAll);
      await channel.close();
      expect(messageCount).toBe(1);
    } finally {
      await lonely.close();
      await alone.deleteDeclared();
    }
  });

  it('fails exactly the returned publish when two in flight share a message id, and consumers see the id unchanged', async () => {
    const proxy = await PausableTcpProxy.start('127.0.0.1', 5672);
    const viaProxy = new AmqpConnection({
      url: proxy.url(),
      connectionName: `${prefix}-shared-id`,
      logger,
    });
    await viaProxy.start();
    const twin = new ConfirmingPublisher(viaProxy, topology, { logger });
    const message = (exchange: 'events' | 'delivery', routingKey: string, blob = '') => ({
      exchange,
      routingKey,
      messageId: 'shared-id-1',
      type: 'dispatch.submitted',
      body: { routingKey, blob },
    });
    try {
      await twin.publish(message('events', 'dispatch.submitted')); // the channel is open before the pause
      // Both publishes reach the broker together: it routes the first to the queue and returns
      // the second while the queue is still writing the first (8 MB), before confirming it.
      proxy.pause();
      const routed = twin.publish(
        message('events', 'dispatch.submitted', 'x'.repeat(8 * 1024 * 1024)),
      );
      const unroutable = twin.publish(message('delivery', '000.00.00.Z99')); // no such inbox
      for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
      proxy.resume();
      await expect(unroutable).rejects.toBeInstanceOf(MessageUnroutableError);
      await expect(routed).resolves.toBeUndefined();
      await waitUntil(
        () => received.filter((m) => m.messageId === 'shared-id-1').length === 2,
        'both routed copies of shared-id-1',
      );
      for (const copy of received.filter((m) => m.messageId === 'shared-id-1')) {
        expect(copy.body).toMatchObject({ routingKey: 'dispatch.submitted' });
        expect(Object.keys(copy.headers).filter((name) => name.startsWith('x-docaxis-'))).toEqual(
          [],
        );
      }
    } finally {
      proxy.resume();
      await twin.close();
      await viaProxy.close();
      await proxy.close();
    }
  });

  it('times out, instead of hanging, while the broker cannot be reached at all', async () => {
    const port = await unusedPort();
    const unreachable = new AmqpConnection({
      url: `amqp://guest:guest@127.0.0.1:${port}`,
      connectionName: `${prefix}-unreachable`,
      reconnect: { initialDelayMs: 50, maxDelayMs: 100, initialMaxRetries: 1000 },
      logger,
    });
    const lonely = new ConfirmingPublisher(unreachable, topology, {
      publishTimeoutMs: 300,
      logger,
    });
    const started = Date.now();
    const publish = lonely.publish({
      exchange: 'events',
      routingKey: 'dispatch.submitted',
      messageId: 'timeout-unreachable',
      type: 'dispatch.submitted',
      body: {},
    });
    await expect(publish).rejects.toBeInstanceOf(PublishTimeoutError);
    await expect(publish).rejects.toThrow(/timed out after 300 ms while waiting for a connection/);
    // Far below Jest's own time-out: proves the publish gave up instead of hanging.
    expect(Date.now() - started).toBeLessThan(10_000);
    // Nor does closing wait for the channel still waiting for a connection; nothing is published after.
    await lonely.close();
    await expect(
      lonely.publish({
        exchange: 'events',
        routingKey: 'dispatch.submitted',
        messageId: 'after-close-unreachable',
        type: 'dispatch.submitted',
        body: {},
      }),
    ).rejects.toThrow(/the publisher is closed/);
    await unreachable.close();
  });

  it('fails the publishes waiting for back-pressure to ease when the channel is lost while closing, instead of opening another', async () => {
    const proxy = await PausableTcpProxy.start('127.0.0.1', 5672);
    const dropping = new AmqpConnection({
      url: proxy.url(),
      connectionName: `${prefix}-dropping`,
      reconnect: { initialDelayMs: 50, maxDelayMs: 100 },
      logger,
    });
    await dropping.start();
    // Long enough that a publish which reopened a channel would still be waiting for a connection.
    const viaProxy = new ConfirmingPublisher(dropping, topology, {
      publishTimeoutMs: 20_000,
      logger,
    });
    const message = (messageId: string, body: Record<string, unknown> = {}) => ({
      exchange: 'events' as const,
      routingKey: 'dispatch.submitted',
      messageId,
      type: 'dispatch.submitted',
      body,
    });
    try {
      await viaProxy.publish(message('drop-before'));
      proxy.pause();
      // More bytes than the stalled sockets' kernel buffers hold (at most 4 + 32 MB here), then
      // more frames than the channel's write buffer takes (1,024): the last ones wait for
      // back-pressure to ease, which it never does.
      const large = { blob: 'x'.repeat(1024 * 1024) };
      const publishes = [
        ...Array.from({ length: 64 }, (_, i) => message(`drop-large-${i}`, large)),
        ...Array.from({ length: 2000 }, (_, i) => message(`drop-small-${i}`)),
      ];
      const outcomes = publishes.map((publish) =>
        viaProxy.publish(publish).then(
          () => 'published',
          (error: unknown) => error,
        ),
      );
      for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
      const closing = viaProxy.close();
      await proxy.close(); // the connection drops: its channel closes under the waiting publishes

      const errors = await Promise.all(outcomes);
      expect(errors.filter((error) => !(error instanceof PublishFailedError))).toEqual([]);
      const closedOnes = errors.filter((error) =>
        /the publisher is closed/.test((error as Error).message),
      );
      expect(closedOnes.length).toBeGreaterThan(0);
      await closing;
      await expect(viaProxy.publish(message('drop-after'))).rejects.toThrow(
        /the publisher is closed/,
      );
    } finally {
      await dropping.close();
      await proxy.close();
    }
  });

  it('times out while the connection is stalled, then publishes again once it flows', async () => {
    const proxy = await PausableTcpProxy.start('127.0.0.1', 5672);
    const stalled = new AmqpConnection({
      url: proxy.url(),
      connectionName: `${prefix}-stalled`,
      logger,
    });
    await stalled.start();
    const message = (messageId: string) => ({
      exchange: 'events' as const,
      routingKey: 'dispatch.submitted',
      messageId,
      type: 'dispatch.submitted',
      body: { via: 'proxy' },
    });
    // The publish time-outs run on a fake clock (only setTimeout is faked; the sockets are real):
    // the stalled publish times out when the clock says so, and the publishes around it wait for
    // their confirms however slowly a loaded machine answers (a real 400 ms time-out covered
    // them too, opening the channel included, and raced them).
    jest.useFakeTimers({
      doNotFake: [
        'Date',
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
      ],
    });
    const viaProxy = new ConfirmingPublisher(stalled, topology, { publishTimeoutMs: 400, logger });
    try {
      await viaProxy.publish(message('stall-before'));
      proxy.pause();
      let during: unknown = 'waiting';
      const stalledPublish = viaProxy.publish(message('stall-during'));
      stalledPublish.catch((error: unknown) => (during = error));
      // Written to the stalled socket (microtasks only), now waiting for its confirm.
      for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
      jest.advanceTimersByTime(399);
      for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
      expect(during).toBe('waiting');
      jest.advanceTimersByTime(1);
      await expect(stalledPublish).rejects.toThrow(
        /stall-during .* timed out after 400 ms while waiting for the broker confirm/,
      );
      proxy.resume();
      await expect(viaProxy.publish(message('stall-after'))).resolves.toBeUndefined();
      jest.useRealTimers();
      // The stalled message did reach the broker once bytes flowed: a time-out means "unknown",
      // which is why the outbox retries and consumers deduplicate.
      await waitUntil(
        () => received.some((m) => m.messageId === 'stall-after'),
        'the message sent after the stall',
      );
    } finally {
      jest.useRealTimers();
      proxy.resume();
      await viaProxy.close();
      await stalled.close();
      await proxy.close();
    }
  });

  it('respects back-pressure: thousands of large publishes in flight all get confirmed', async () => {
    const body = { blob: 'x'.repeat(16 * 1024) };
    const count = 1500;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        publisher.publish({
          exchange: 'events',
          routingKey: 'dispatch.submitted',
          messageId: `bulk-${i}`,
          type: 'dispatch.submitted',
          body,
        }),
      ),
    );
    await waitUntil(
      () => received.filter((m) => m.messageId.startsWith('bulk-')).length === count,
      'bulk deliveries',
    );
    expect(publisher.stats().inFlight).toBe(0);
  });
});

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}
