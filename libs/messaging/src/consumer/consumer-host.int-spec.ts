import type { ConsumeMessage } from 'amqplib';
import { NotFoundError } from '@docaxis/errors/domain-error-kinds';
import { AmqpConnection } from '../connection/amqp-connection';
import { ConfirmingPublisher } from '../publisher/confirming-publisher';
import { agencyInboxQueue, defineConsumerQueue } from '../topology/consumer-queue-definition';
import { MessagingTopology } from '../topology/messaging-topology';
import { QueueRecorder, testAmqpUrl, testPrefix, waitUntil } from '../testing/rabbitmq-test-kit';
import { RecordingLogger } from '../testing/recording-logger';
import { ConsumerHost } from './consumer-host';
import { HandlerWiringError } from './handler-wiring.error';
import type { InboundMessage } from './inbound-message';
import { MessageHandlerRegistry } from './message-handler-registry';
import { RetryLaterError } from './retry-later.error';

const prefix = testPrefix('consumer');
const DELIVERY_LIMIT = 2;
const RETRY_DELAYS_MS = [50, 100];
const submittedQueue = defineConsumerQueue({
  name: 'verifier.dispatch-submitted',
  bindings: [{ exchange: 'events', routingKey: 'dispatch.submitted' }],
});

function parkedHeaders(message: ConsumeMessage): Record<string, unknown> {
  return message.properties.headers ?? {};
}

function submittedBody(fileCount = 1) {
  return {
    occurredAt: new Date().toISOString(),
    actor: 'gateway',
    dispatchId: '0190f3a0-0000-7000-8000-000000000001',
    senderCode: '000.00.00.G22',
    recipientCodes: ['000.00.00.H41'],
    fileCount,
  };
}

describe('ConsumerHost (real RabbitMQ)', () => {
  const logger = new RecordingLogger();
  let connection: AmqpConnection;
  let topology: MessagingTopology;
  let publisher: ConfirmingPublisher;
  let parked: QueueRecorder;
  const hosts: ConsumerHost[] = [];

  const host = (registry: MessageHandlerRegistry, stopTimeoutMs?: number) => {
    const created = new ConsumerHost(connection, topology, publisher, registry, {
      logger,
      prefetch: 20,
      stopTimeoutMs,
    });
    hosts.push(created);
    return created;
  };

  const publishSubmitted = (messageId: string, body: object = submittedBody()) =>
    publisher.publish({
      exchange: 'events',
      routingKey: 'dispatch.submitted',
      messageId,
      type: 'dispatch.submitted',
      body,
    });

  beforeAll(async () => {
    connection = new AmqpConnection({
      url: testAmqpUrl(),
      connectionName: `${prefix}-main`,
      logger,
    });
    topology = new MessagingTopology(connection, {
      prefix,
      deliveryLimit: DELIVERY_LIMIT,
      retryDelaysMs: RETRY_DELAYS_MS,
      logger,
    });
    await topology.declare();
    publisher = new ConfirmingPublisher(connection, topology, { logger });
    parked = await QueueRecorder.start(connection, topology.names.parkedQueue);
  });

  afterEach(async () => {
    for (const created of hosts.splice(0)) await created.stop();
  });

  afterAll(async () => {
    await parked.stop();
    await publisher.close();
    await topology.deleteDeclared();
    await connection.close();
  });

  it('retries a failing handler through the retry queues with growing delays, then parks it with the error in its headers', async () => {
    const attempts: InboundMessage[] = [];
    const registry = new MessageHandlerRegistry()
      .consume(submittedQueue)
      .handle(submittedQueue, 'dispatch.submitted', (message) => {
        attempts.push(message);
        return Promise.reject(new Error('verifier is having a bad day'));
      });
    await host(registry).start();
    await publishSubmitted('fails-always');

    const copy = await parked.waitFor('fails-always');
    // One attempt per retry delay, plus the first: each a fresh copy, counted in a header.
    expect(attempts.map((a) => [a.headers['x-docaxis-attempt'] ?? 0, a.routingKey])).toEqual([
      [0, 'dispatch.submitted'],
      [1, 'dispatch.submitted'],
      [2, 'dispatch.submitted'],
    ]);
    expect(attempts[1].exchange).toBe(topology.names.eventsExchange);
    expect(copy.properties.type).toBe('dispatch.submitted');
    expect(copy.fields.routingKey).toBe('dispatch.submitted');
    expect(copy.properties.headers).toMatchObject({
      'x-docaxis-parked-code': 'MESSAGING_RETRIES_EXHAUSTED',
      'x-docaxis-parked-reason': 'verifier is having a bad day',
      'x-docaxis-parked-from': topology.queueName(submittedQueue),
      'x-docaxis-attempt': 2,
      'x-docaxis-last-error': 'verifier is having a bad day',
    });
    // It waited in each retry step's queue in turn (the broker's own dead-lettering record).
    const deaths = (copy.properties.headers?.['x-death'] ?? []) as Array<{ queue: string }>;
    expect(deaths.map((d) => d.queue).sort()).toEqual(
      RETRY_DELAYS_MS.map((delay) => `${prefix}.retry.${delay}ms.v1`).sort(),
    );
    expect(JSON.parse(copy.content.toString())).toEqual(expect.objectContaining({ fileCount: 1 }));
    expect(
      logger
        .messages('warn')
        .filter((m) => m.includes('fails-always') && m.includes('retrying in')),
    ).toHaveLength(2);
  });

  it('acks a message whose handler succeeds on a retry, parking nothing', async () => {
    const attempts: number[] = [];
    const registry = new MessageHandlerRegistry()
      .consume(submittedQueue)
      .handle(submittedQueue, 'dispatch.submitted', (message) => {
        attempts.push(Number(message.headers['x-docaxis-attempt'] ?? 0));
        if (attempts.length < 2) return Promise.reject(new Error('database restarting'));
        return Promise.resolve();
      });
    const consumers = host(registry);
    await consumers.start();
    await publishSubmitted('recovers');
    await waitUntil(() => consumers.stats().acked === 1, 'the retried message to be acked');
    expect(attempts).toEqual([0, 1]);
    expect(consumers.stats()).toMatchObject({ retried: 1, parked: 0 });
    expect(parked.byMessageId('recovers')).toBeUndefined();
  });

  it('keeps retrying a RetryLaterError at the longest step past the retry steps, until the handler settles it', async () => {
    class SourcesDownError extends RetryLaterError {}
    const attempts: number[] = [];
    const registry = new MessageHandlerRegistry()
      .consume(submittedQueue)
      .handle(submittedQueue, 'dispatch.submitted', (message) => {
        attempts.push(Number(message.headers['x-docaxis-attempt'] ?? 0));
        if (attempts.length < 5) {
          return Promise.reject(new SourcesDownError('SOURCES_DOWN', 'sources unreachable'));
        }
        return Promise.resolve();
      });
    const consumers = host(registry);
    await consumers.start();
    await publishSubmitted('retried-by-handler');
    await waitUntil(() => consumers.stats().acked === 1, 'the handler to settle it');
    // Two retry steps, yet four retries: the last two on the longest step.
    expect(attempts).toEqual([0, 1, 2, 3, 4]);
    expect(consumers.stats()).toMatchObject({ retried: 4, parked: 0 });
    expect(parked.byMessageId('retried-by-handler')).toBeUndefined();
    const retries = logger
      .messages('warn')
      .filter((m) => m.includes('retried-by-handler') && m.includes('retrying in'));
    expect(retries.slice(2).every((m) => m.includes(`retrying in ${RETRY_DELAYS_MS[1]} ms`))).toBe(
      true,
    );
  });

  it('parks a permanent failure at once, with its code, without retrying', async () => {
    let calls = 0;
    const registry = new MessageHandlerRegistry()
      .consume(submittedQueue)
      .handle(submittedQueue, 'dispatch.submitted', () => {
        calls += 1;
        return Promise.reject(
          new NotFoundError('DISPATCH_NOT_FOUND', 'No dispatch with this id exists.'),
        );
      });
    await host(registry).start();
    await publishSubmitted('permanent');
    const copy = await parked.waitFor('permanent');
    expect(calls).toBe(1);
    expect(copy.properties.headers).toMatchObject({
      'x-docaxis-parked-code': 'DISPATCH_NOT_FOUND',
      'x-docaxis-parked-reason': 'No dispatch with this id exists.',
    });
  });

  it('takes an urgent message on its own lane while the normal lane holds a backlog', async () => {
    const inbox = agencyInboxQueue('000.00.00.H14');
    const handled: string[] = [];
    let releaseBacklog!: () => void;
    const backlogHeld = new Promise<void>((resolve) => (releaseBacklog = resolve));
    const registry = new MessageHandlerRegistry()
      .consume(inbox, { prefetch: 1 })
      .handle(inbox, 'delivery.requested', async (message) => {
        if (message.body.priority === 0) await backlogHeld;
        handled.push(message.messageId);
      });
    const request = (messageId: string, priority: number) =>
      publisher.publish({
        exchange: 'delivery',
        routingKey: '000.00.00.H14',
        messageId,
        type: 'delivery.requested',
        priority,
        body: {
          occurredAt: new Date().toISOString(),
          actor: 'router',
          dispatchId: '0190f3a0-0000-7000-8000-000000000003',
          recipientCode: '000.00.00.H14',
          priority,
        },
      });
    const consumers = host(registry);
    await consumers.start();
    for (let i = 0; i < 20; i++) await request(`normal-${i}`, 0);
    await request('hoa-toc', 3);
    await waitUntil(() => handled.includes('hoa-toc'), 'the urgent message');
    // The whole normal backlog was still waiting when the urgent one was done.
    expect(handled).toEqual(['hoa-toc']);
    releaseBacklog();
    await waitUntil(() => handled.length === 21, 'the backlog to drain');
    expect(handled.slice(1)).toEqual(Array.from({ length: 20 }, (_, i) => `normal-${i}`));
  });

  it('parks at once, without calling a handler: bad JSON, a message without id, an unknown type, a broken contract', async () => {
    const handled: string[] = [];
    const registry = new MessageHandlerRegistry()
      .consume(submittedQueue)
      .handle(submittedQueue, 'dispatch.submitted', (message) => {
        handled.push(message.messageId);
        return Promise.resolve();
      });
    await host(registry).start();
    const exchange = topology.names.eventsExchange;

    await publisher.publishRaw(exchange, 'dispatch.submitted', Buffer.from('{"not json'), {
      messageId: 'bad-json',
      type: 'dispatch.submitted',
      contentType: 'application/json',
    });
    await publisher.publish({
      exchange: 'events',
      routingKey: 'dispatch.submitted',
      messageId: 'unknown-type',
      type: 'dispatch.teleported',
      body: {},
    });
    await publishSubmitted('broken-contract', { ...submittedBody(), recipientCodes: [] });
    // No messageId: sent on a plain channel, as a foreign producer might.
    const raw = await connection.createChannel();
    raw.publish(exchange, 'dispatch.submitted', Buffer.from('{}'), {
      type: 'dispatch.submitted',
      correlationId: 'no-id-corr',
    });
    await publishSubmitted('fine');

    const badJson = parkedHeaders(await parked.waitFor('bad-json'));
    expect(badJson['x-docaxis-parked-code']).toBe('MESSAGING_MESSAGE_MALFORMED');
    expect(String(badJson['x-docaxis-parked-reason'])).toMatch(/^body is not valid JSON/);
    expect((await parked.waitFor('unknown-type')).properties.headers).toMatchObject({
      'x-docaxis-parked-code': 'MESSAGING_UNKNOWN_MESSAGE_TYPE',
    });
    const brokenContract = parkedHeaders(await parked.waitFor('broken-contract'));
    expect(brokenContract['x-docaxis-parked-code']).toBe('MESSAGING_PAYLOAD_INVALID');
    expect(String(brokenContract['x-docaxis-parked-reason'])).toContain('recipientCodes');
    // Without an id it cannot be copied: it is rejected and the broker dead-letters it.
    await waitUntil(
      () => parked.messages.some((m) => m.properties.correlationId === 'no-id-corr'),
      'the id-less message',
    );
    const noId = parked.messages.find((m) => m.properties.correlationId === 'no-id-corr')!;
    expect(noId.properties.headers?.['x-first-death-reason']).toBe('rejected');
    await raw.close();

    await waitUntil(() => handled.includes('fine'), 'the valid message');
    expect(handled).toEqual(['fine']);
    expect(logger.messages('error')).toEqual(
      expect.arrayContaining([
        expect.stringContaining('dispatch.submitted bad-json'),
        expect.stringContaining('no messageId property'),
      ]),
    );
  });

  it('starts consuming an agency inbox registered after start-up', async () => {
    const registry = new MessageHandlerRegistry()
      .consume(submittedQueue)
      .handle(submittedQueue, 'dispatch.submitted', () => Promise.resolve());
    const consumers = host(registry);
    await consumers.start();
    const inbox = agencyInboxQueue('000.00.14.H20');
    const delivered: string[] = [];
    registry.consume(inbox).handle(inbox, 'delivery.requested', (message) => {
      delivered.push(`${message.body.recipientCode}:${message.body.priority}`);
      return Promise.resolve();
    });
    await consumers.startRegistered(inbox);
    await publisher.publish({
      exchange: 'delivery',
      routingKey: '000.00.14.H20',
      messageId: 'inbox-late',
      type: 'delivery.requested',
      body: {
        occurredAt: new Date().toISOString(),
        actor: 'router',
        dispatchId: '0190f3a0-0000-7000-8000-000000000001',
        recipientCode: '000.00.14.H20',
        priority: 2,
      },
    });
    await waitUntil(() => delivered.length === 1, 'the delivery request');
    expect(delivered).toEqual(['000.00.14.H20:2']);
    const unregistered = agencyInboxQueue('000.00.00.H08');
    await expect(consumers.startRegistered(unregistered)).rejects.toThrow(
      /is not consumed on the registry/,
    );
  });

  it('stops consuming one queue alone: its running handlers finish and are acked, the rest waits in the queue for the next start', async () => {
    const registry = new MessageHandlerRegistry()
      .consume(submittedQueue)
      .handle(submittedQueue, 'dispatch.submitted', () => Promise.resolve());
    const consumers = host(registry);
    await consumers.start();
    const code = '000.01.01.H08';
    const inbox = agencyInboxQueue(code);
    const started: string[] = [];
    const finished: string[] = [];
    let finishHandlers = () => undefined as void;
    const handlersMayFinish = new Promise<void>((resolve) => (finishHandlers = resolve));
    registry
      .consume(inbox, { prefetch: 2 })
      .handle(inbox, 'delivery.requested', async (message) => {
        started.push(message.messageId);
        await handlersMayFinish;
        finished.push(message.messageId);
      });
    const cancels = countCancels(connection);
    await consumers.startRegistered(inbox);
    cancels.stopCounting();
    for (let i = 0; i < 4; i++) {
      await publisher.publish({
        exchange: 'delivery',
        routingKey: code,
        messageId: `stop-one-${i}`,
        type: 'delivery.requested',
        body: {
          occurredAt: new Date().toISOString(),
          actor: 'router',
          dispatchId: '0190f3a0-0000-7000-8000-000000000003',
          recipientCode: code,
          priority: 0,
        },
      });
    }
    await waitUntil(() => started.length === 2, 'a full prefetch window of running handlers');
    const ackedBefore = consumers.stats().acked;
    const stopping = consumers.stopConsuming(inbox.name);
    const [, normal] = topology.brokerQueues(inbox);
    const channel = await connection.createChannel();
    try {
      // Once the broker has confirmed the cancels (both lanes), the running handlers may finish.
      expect(cancels.requested).toBe(2);
      await waitUntil(() => cancels.confirmed === cancels.requested, 'the consumers cancelled');
      finishHandlers();
      await stopping;
      expect(finished.sort()).toEqual([...started].sort());
      expect(consumers.stats().acked).toBe(ackedBefore + 2);
      // The broker applies the acks and the consumer's removal to the quorum queue on its own time.
      const queue = () => channel.checkQueue(normal.brokerName);
      await waitUntil(
        async () => (await queue()).consumerCount === 0,
        'no consumer left on the queue',
      );
      expect(await queue()).toMatchObject({ messageCount: 2, consumerCount: 0 });
      // The other queues go on.
      expect(consumers.isConsuming()).toBe(true);

      await consumers.startRegistered(inbox);
      await waitUntil(() => finished.length === 4, 'the two left in the queue');
      expect(finished.slice(2).sort()).toEqual(['stop-one-2', 'stop-one-3']);
    } finally {
      await channel.close();
    }
  });

  it('refuses to start when a consumed queue has no handler, consuming nothing', async () => {
    const lonely = defineConsumerQueue({
      name: 'lonely',
      bindings: [{ exchange: 'events', routingKey: 'dispatch.routed' }],
    });
    const consumers = host(new MessageHandlerRegistry().consume(lonely));
    await expect(consumers.start()).rejects.toBeInstanceOf(HandlerWiringError);
    await expect(consumers.start()).rejects.toThrow(
      /queue "lonely" is consumed but has no handler/,
    );
    expect(topology.declaredQueueNames()).not.toContain(topology.queueName(lonely));
  });

  it('stops gracefully: no new deliveries, running handlers finish and are acked', async () => {
    const slowQueue = defineConsumerQueue({
      name: 'slow',
      bindings: [{ exchange: 'events', routingKey: 'dispatch.routed' }],
    });
    const started: string[] = [];
    const finished: string[] = [];
    // The handlers run until the test lets them finish, not for a fixed time: on a loaded machine
    // a timed handler could end (and let a sixth message in) before stop is called.
    let finishHandlers = () => undefined as void;
    const handlersMayFinish = new Promise<void>((resolve) => (finishHandlers = resolve));
    const registry = new MessageHandlerRegistry()
      .consume(slowQueue, { prefetch: 5 })
      .handle(slowQueue, 'dispatch.routed', async (message) => {
        started.push(message.messageId);
        await handlersMayFinish;
        finished.push(message.messageId);
      });
    const consumers = new ConsumerHost(connection, topology, publisher, registry, { logger });
    const cancels = countCancels(connection);
    await consumers.start();
    cancels.stopCounting();
    const body = {
      occurredAt: new Date().toISOString(),
      actor: 'router',
      dispatchId: '0190f3a0-0000-7000-8000-000000000002',
      recipientCodes: ['000.00.00.H41'],
    };
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        publisher.publish({
          exchange: 'events',
          routingKey: 'dispatch.routed',
          messageId: `slow-${i}`,
          type: 'dispatch.routed',
          body,
        }),
      ),
    );
    await waitUntil(() => started.length === 5, 'a full prefetch window of running handlers');
    let stopped = false;
    const stopping = consumers.stop().then(() => (stopped = true));
    // Once the broker has confirmed the cancel, stop still waits for the five running handlers.
    expect(cancels.requested).toBeGreaterThan(0);
    await waitUntil(() => cancels.confirmed === cancels.requested, 'the consumers cancelled');
    expect(stopped).toBe(false);
    expect(finished).toEqual([]);
    finishHandlers();
    await stopping;

    expect(finished.sort()).toEqual([...started].sort());
    expect(consumers.stats()).toMatchObject({ acked: 5, inFlight: 0 });
    // The 3 never started are still in the queue, and nothing is left unacknowledged.
    const channel = await connection.createChannel();
    const { messageCount } = await channel.checkQueue(topology.queueName(slowQueue));
    await channel.close();
    expect(messageCount).toBe(3);
  });

  /** Counts the consumer cancels asked and confirmed on the channels opened until `stopCounting`. */
  function countCancels(amqp: AmqpConnection) {
    const counted = { requested: 0, confirmed: 0, stopCounting: () => spy.mockRestore() };
    const createChannel = amqp.createChannel.bind(amqp);
    const spy = jest.spyOn(amqp, 'createChannel').mockImplementation(async () => {
      const channel = await createChannel();
      const cancel = channel.cancel.bind(channel);
      channel.cancel = async (consumerTag) => {
        counted.requested += 1;
        const ok = await cancel(consumerTag);
        counted.confirmed += 1;
        return ok;
      };
      return channel;
    });
    return counted;
  }
});
