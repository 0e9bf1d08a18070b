import { Global, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { DataSource } from 'typeorm';
import { AmqpConnection } from './connection/amqp-connection';
import { ConsumerHost } from './consumer/consumer-host';
import { HandlerWiringError } from './consumer/handler-wiring.error';
import type { InboundMessage } from './consumer/inbound-message';
import { MessageHandlerRegistry } from './consumer/message-handler-registry';
import { MessageTypes, type MessageType } from './contracts/message-types';
import type { MessagePayloads } from './contracts/message-payloads';
import { runOnce } from './inbox/run-once';
import { MessagingModule } from './messaging.module';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxWriter } from './outbox/outbox-writer';
import { defineConsumerQueue } from './topology/consumer-queue-definition';
import { MessagingTopology } from './topology/messaging-topology';
import {
  closeConnectionsNamed,
  testAmqpUrl,
  testPrefix,
  waitUntil,
} from './testing/rabbitmq-test-kit';

const prefix = testPrefix('module');
const verifierQueue = defineConsumerQueue({
  name: 'verifier.dispatch-submitted',
  bindings: [{ exchange: 'events', routingKey: MessageTypes.DispatchSubmitted }],
});

let databaseUrl: string;

@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      useFactory: async () =>
        new DataSource(dataSourceOptions({ url: databaseUrl, poolSize: 4 })).initialize(),
    },
  ],
  exports: [DataSource],
})
class TestDatabaseModule {}

/** What an app's consumer module looks like: handlers registered in onModuleInit, work in runOnce. */
@Injectable()
class VerifierHandlers implements OnModuleInit {
  readonly handled: Array<InboundMessage<MessagePayloads['dispatch.submitted']>> = [];
  release?: () => void;
  private gate?: Promise<void>;

  constructor(
    private readonly registry: MessageHandlerRegistry,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  holdHandlers(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  onModuleInit(): void {
    this.registry
      .consume(verifierQueue)
      .handle(verifierQueue, MessageTypes.DispatchSubmitted, async (message) => {
        await this.gate;
        const { duplicate } = await runOnce(
          this.dataSource,
          'verifier',
          message.messageId,
          (manager) =>
            this.outbox.enqueue(manager, {
              destination: 'events',
              routingKey: MessageTypes.DispatchVerified,
              messageType: MessageTypes.DispatchVerified,
              correlationId: message.correlationId,
              payload: {
                occurredAt: new Date().toISOString(),
                actor: 'verifier',
                dispatchId: message.body.dispatchId,
                senderCode: message.body.senderCode,
                recipientCodes: message.body.recipientCodes,
              },
            }),
        );
        if (!duplicate) this.relay.nudge();
        this.handled.push(message);
      });
  }
}

@Module({ providers: [VerifierHandlers] })
class VerifierModule {}

function submittedMessage(correlationId: string) {
  return {
    destination: 'events' as const,
    routingKey: MessageTypes.DispatchSubmitted,
    messageType: MessageTypes.DispatchSubmitted,
    correlationId,
    payload: {
      occurredAt: new Date().toISOString(),
      actor: 'CN=Văn phòng Chính phủ',
      dispatchId: '0190f3a0-0000-7000-8000-00000000000a',
      senderCode: '000.00.00.G22',
      recipientCodes: ['000.00.00.H41'],
      fileCount: 1,
    },
  };
}

describe('MessagingModule (Nest wiring, real RabbitMQ and PostgreSQL)', () => {
  beforeAll(async () => {
    databaseUrl = await createTestDatabase('messaging-module');
  });

  const compile = (extra: Array<typeof VerifierModule>, appName: string): Promise<TestingModule> =>
    Test.createTestingModule({
      imports: [
        TestDatabaseModule,
        MessagingModule.forRootAsync({
          useFactory: () => ({
            url: testAmqpUrl(),
            prefix,
            prefetch: 50,
            deliveryLimit: 3,
            appName,
            relay: { pollIntervalMs: 50 },
          }),
        }),
        ...extra,
      ],
    }).compile();

  it('starts everything at bootstrap, carries outbox rows to handlers, and stops in order', async () => {
    const app = await compile([VerifierModule], `${prefix}-verifier`);
    await app.init();
    const handlers = app.get(VerifierHandlers);
    const connection = app.get(AmqpConnection);
    const topology = app.get(MessagingTopology);
    const verified: InboundMessage[] = [];
    const consumers = app.get(ConsumerHost);
    try {
      expect(connection.isConnected()).toBe(true);
      expect(consumers.isConsuming()).toBe(true);
      // Stand-in for the router: sees what the verifier's outbox publishes.
      const routerQueue = defineConsumerQueue({
        name: 'router.dispatch-verified',
        bindings: [{ exchange: 'events', routingKey: MessageTypes.DispatchVerified }],
      });
      await consumers.consume(routerQueue, (message) => {
        verified.push(message);
        return Promise.resolve();
      });

      const writer = app.get(OutboxWriter);
      await app
        .get(DataSource)
        .transaction((manager) => writer.enqueue(manager, submittedMessage('corr-module-1')));
      app.get(OutboxRelay).nudge();
      await waitUntil(() => verified.length === 1, 'dispatch.verified from the verifier');
      expect(handlers.handled.map((m) => m.correlationId)).toEqual(['corr-module-1']);
      expect(verified[0]).toMatchObject({
        type: MessageTypes.DispatchVerified satisfies MessageType,
        correlationId: 'corr-module-1',
        body: { dispatchId: '0190f3a0-0000-7000-8000-00000000000a', actor: 'verifier' },
      });

      // A handler still running when shutdown begins finishes and is acked before the connection closes.
      handlers.holdHandlers();
      await app
        .get(DataSource)
        .transaction((manager) => writer.enqueue(manager, submittedMessage('corr-module-2')));
      app.get(OutboxRelay).nudge();
      await waitUntil(() => consumers.stats().inFlight === 1, 'a handler in flight');
      const closing = app.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(connection.isConnected()).toBe(true); // consumers first: the connection waits
      handlers.release?.();
      await closing;
      expect(handlers.handled.map((m) => m.correlationId)).toEqual([
        'corr-module-1',
        'corr-module-2',
      ]);
      expect(consumers.stats()).toMatchObject({ inFlight: 0, acked: 3, requeued: 0 });
      expect(connection.isConnected()).toBe(false);
      expect(await closeConnectionsNamed(`${prefix}-verifier`)).toBe(0);
    } finally {
      await app.get(DataSource).destroy();
      const cleanup = new AmqpConnection({
        url: testAmqpUrl(),
        connectionName: `${prefix}-cleanup`,
      });
      const cleaner = new MessagingTopology(cleanup, { prefix, deliveryLimit: 3 });
      for (const name of topology.declaredQueueNames()) {
        const channel = await cleanup.createChannel();
        await channel.deleteQueue(name);
        await channel.close();
      }
      await cleaner.deleteDeclared();
      await cleanup.close();
    }
  });

  it('refuses to start an app whose consumed queue has no handler', async () => {
    @Injectable()
    class ForgetfulHandlers implements OnModuleInit {
      constructor(private readonly registry: MessageHandlerRegistry) {}
      onModuleInit(): void {
        this.registry.consume(verifierQueue);
      }
    }
    @Module({ providers: [ForgetfulHandlers] })
    class ForgetfulModule {}

    const app = await compile([ForgetfulModule], `${prefix}-forgetful`);
    await expect(app.init()).rejects.toBeInstanceOf(HandlerWiringError);
    // Refused before touching the broker; Nest's close() would only rethrow the start-up error.
    expect(app.get(AmqpConnection).health()).toMatchObject({ connected: false, connectCount: 0 });
    expect(await closeConnectionsNamed(`${prefix}-forgetful`)).toBe(0);
    await app.get(DataSource).destroy();
  });
});
