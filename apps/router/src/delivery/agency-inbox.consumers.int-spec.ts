import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AmqpConnection } from '@docaxis/messaging/connection/amqp-connection';
import { ConsumerHost } from '@docaxis/messaging/consumer/consumer-host';
import { MessageHandlerRegistry } from '@docaxis/messaging/consumer/message-handler-registry';
import { PARKED_HEADERS } from '@docaxis/messaging/consumer/parking-headers';
import type { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { ConfirmingPublisher } from '@docaxis/messaging/publisher/confirming-publisher';
import {
  QueueRecorder,
  testAmqpUrl,
  testPrefix,
  waitUntil,
} from '@docaxis/messaging/testing/rabbitmq-test-kit';
import { RecordingLogger } from '@docaxis/messaging/testing/recording-logger';
import { agencyInboxQueue } from '@docaxis/messaging/topology/consumer-queue-definition';
import { MessagingTopology } from '@docaxis/messaging/topology/messaging-topology';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import { InboxDeliveryAnnouncer } from '@docaxis/persistence/inbox/inbox-delivery-announcer';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { insertRoutedDispatch } from '@docaxis/testing/dispatch-rows';
import { loadRouterConfig } from '../config/router.config';
import { AgencyInboxConsumers } from './agency-inbox.consumers';
import { DeliverToInboxUseCase } from './deliver-to-inbox.usecase';

const prefix = testPrefix('agency-inbox');
const SENDER = '000.00.00.G22';
const LATE = '000.00.00.H41';
/** Registered late too, but its first start fails. */
const HINDERED = '000.00.00.H14';
/** Suspended before the router starts. */
const SUSPENDED = '000.00.00.H20';

/**
 * An agency registered after start-up has its inbox consumed like the others: through the
 * handler registry, which parks a message of another type or breaking its contract at once.
 */
describe('AgencyInboxConsumers, agencies registered after start-up (real PostgreSQL and RabbitMQ)', () => {
  const logger = new RecordingLogger();
  let dataSource: DataSource;
  let connection: AmqpConnection;
  let topology: MessagingTopology;
  let publisher: ConfirmingPublisher;
  let parked: QueueRecorder;
  let host: ConsumerHost;
  let inboxes: AgencyInboxConsumers;

  beforeAll(async () => {
    ({ dataSource } = await agencyDatabase('agency-inbox', [
      { code: SENDER, name: 'Văn phòng Chính phủ' },
      { code: SUSPENDED, name: 'UBND tỉnh Đồng Tháp' },
    ]));
    await new AgencyRepository(dataSource).setStatus(SUSPENDED, 'suspended');
    connection = new AmqpConnection({ url: testAmqpUrl(), connectionName: prefix, logger });
    topology = new MessagingTopology(connection, { prefix, retryDelaysMs: [50], logger });
    await topology.declare();
    publisher = new ConfirmingPublisher(connection, topology, { logger });
    parked = await QueueRecorder.start(connection, topology.names.parkedQueue);
    const registry = new MessageHandlerRegistry();
    host = new ConsumerHost(connection, topology, publisher, registry, { logger });
    const deliver = new DeliverToInboxUseCase(
      new DispatchRepository(dataSource),
      { nudge: () => undefined } as unknown as OutboxRelay,
      new AxisMetrics('router'),
      new InboxDeliveryAnnouncer(dataSource),
    );
    inboxes = new AgencyInboxConsumers(
      registry,
      host,
      new AgencyRepository(dataSource),
      deliver,
      loadRouterConfig({}),
    );
    await inboxes.onModuleInit();
    await host.start();
    await new AgencyRepository(dataSource).upsertMany([{ code: LATE, name: 'UBND tỉnh Nghệ An' }]);
    await inboxes.refresh();
  });

  afterAll(async () => {
    await host.stop();
    await parked.stop();
    await publisher.close();
    await topology.deleteDeclared();
    await connection.close();
    await dataSource.destroy();
  });

  const requestDelivery = (messageId: string, type: string, body: Record<string, unknown>) =>
    publisher.publish({ exchange: 'delivery', routingKey: LATE, messageId, type, body });

  /** Whether its copy of the dispatch reached the inbox. */
  async function delivered(dispatchId: string, recipientCode: string): Promise<boolean> {
    const [row] = await dataSource.query<{ state: string }[]>(
      `SELECT state FROM dispatch_recipients WHERE dispatch_id = $1 AND recipient_code = $2`,
      [dispatchId, recipientCode],
    );
    return row.state === 'delivered';
  }

  /** A routed dispatch with a queued copy for `recipientCode`, and the message asking for it. */
  async function queuedCopyFor(recipientCode: string): Promise<string> {
    const dispatchId = await insertRoutedDispatch(dataSource, SENDER);
    await dataSource.query(
      `INSERT INTO dispatch_recipients (dispatch_id, recipient_code, state) VALUES ($1, $2, 'queued')`,
      [dispatchId, recipientCode],
    );
    await publisher.publish({
      exchange: 'delivery',
      routingKey: recipientCode,
      messageId: randomUUID(),
      type: 'delivery.requested',
      body: {
        dispatchId,
        recipientCode,
        priority: 0,
        occurredAt: new Date().toISOString(),
        actor: 'router',
      },
    });
    return dispatchId;
  }

  it('delivers a copy asked of the late agency', async () => {
    const dispatchId = await queuedCopyFor(LATE);
    await waitUntil(() => delivered(dispatchId, LATE), 'the delivery');
  });

  /**
   * README: what was accepted for a suspended agency is delivered into its inbox and waits
   * there until it is reactivated, whether the router started before or after the suspension.
   */
  it("delivers into a suspended agency's inbox, suspended before start-up or while running", async () => {
    const beforeStart = await queuedCopyFor(SUSPENDED);
    await waitUntil(
      () => delivered(beforeStart, SUSPENDED),
      'the delivery to the agency suspended before start-up',
    );

    await new AgencyRepository(dataSource).setStatus(LATE, 'suspended');
    try {
      await inboxes.refresh();
      const whileRunning = await queuedCopyFor(LATE);
      await waitUntil(
        () => delivered(whileRunning, LATE),
        'the delivery to the agency suspended since',
      );
    } finally {
      await new AgencyRepository(dataSource).setStatus(LATE, 'active');
    }
  });

  it('starts consuming an agency whose first start failed at the next look, not only after a restart', async () => {
    // A queue of another kind squatting on the agency's inbox name: declaring it is refused.
    const [urgent, normal] = topology.brokerQueues(agencyInboxQueue(HINDERED));
    const squatter = await connection.createChannel();
    await squatter.assertQueue(normal.brokerName, { durable: false });
    try {
      await new AgencyRepository(dataSource).upsertMany([
        { code: HINDERED, name: 'UBND Cao Bằng' },
      ]);
      await expect(inboxes.consumeNewlyRegistered()).rejects.toThrow(/PRECONDITION_FAILED/);
    } finally {
      await squatter.deleteQueue(normal.brokerName);
      await squatter.close();
    }

    await inboxes.consumeNewlyRegistered();
    const dispatchId = await queuedCopyFor(HINDERED);
    await waitUntil(() => delivered(dispatchId, HINDERED), 'the delivery');
    const check = await connection.createChannel();
    try {
      for (const lane of [urgent, normal]) {
        expect((await check.checkQueue(lane.brokerName)).consumerCount).toBe(1);
      }
    } finally {
      await check.close();
    }
  });

  it('parks a delivery request breaking its contract, and a message of another type, at once', async () => {
    const noRecipient = randomUUID();
    await requestDelivery(noRecipient, 'delivery.requested', {
      dispatchId: randomUUID(),
      priority: 0,
      occurredAt: new Date().toISOString(),
      actor: 'router',
    });
    const otherType = randomUUID();
    await requestDelivery(otherType, 'dispatch.routed', {});
    const codes = [await parked.waitFor(noRecipient), await parked.waitFor(otherType)].map(
      (message) => message.properties.headers?.[PARKED_HEADERS.code] as unknown,
    );
    expect(codes).toEqual(['MESSAGING_PAYLOAD_INVALID', 'MESSAGING_UNKNOWN_MESSAGE_TYPE']);
  });
});
