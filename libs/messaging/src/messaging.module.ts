import { type DynamicModule, type InjectionToken, Module, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AmqpConnection } from './connection/amqp-connection';
import { ConsumerHost } from './consumer/consumer-host';
import { MessageHandlerRegistry } from './consumer/message-handler-registry';
import { MessagingLifecycle } from './messaging-lifecycle';
import {
  MESSAGING_OPTIONS,
  type MessagingModuleAsyncOptions,
  type MessagingModuleOptions,
} from './messaging-options';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxWriter } from './outbox/outbox-writer';
import { ConfirmingPublisher } from './publisher/confirming-publisher';
import { MessagingTopology } from './topology/messaging-topology';

const EXPORTED = [
  MESSAGING_OPTIONS,
  AmqpConnection,
  MessagingTopology,
  ConfirmingPublisher,
  OutboxWriter,
  OutboxRelay,
  MessageHandlerRegistry,
  ConsumerHost,
];

/**
 * RabbitMQ for an app: one connection, the topology, a confirming publisher, the outbox writer
 * and relay, and the consumer host with its handler registry, all injectable by class. Global, so
 * feature modules inject `OutboxWriter`, `OutboxRelay` or `MessageHandlerRegistry` without
 * importing it. Apps register their queues and handlers on the registry in `onModuleInit`;
 * everything starts in `onApplicationBootstrap` (see MessagingLifecycle).
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return MessagingModule.build(
      [{ provide: MESSAGING_OPTIONS, useValue: options }],
      options.dataSourceToken,
    );
  }

  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    const module = MessagingModule.build(
      [
        {
          provide: MESSAGING_OPTIONS,
          inject: options.inject ?? [],
          useFactory: options.useFactory,
        },
      ],
      options.dataSourceToken,
    );
    return { ...module, imports: options.imports ?? [] };
  }

  private static build(
    optionsProvider: Provider[],
    dataSourceToken: InjectionToken = DataSource,
  ): DynamicModule {
    const providers: Provider[] = [
      ...optionsProvider,
      {
        provide: AmqpConnection,
        inject: [MESSAGING_OPTIONS],
        useFactory: (o: MessagingModuleOptions) =>
          new AmqpConnection({
            url: o.url,
            connectionName: o.appName ?? 'docaxis',
            reconnect: o.reconnect,
          }),
      },
      {
        provide: MessagingTopology,
        inject: [AmqpConnection, MESSAGING_OPTIONS],
        useFactory: (connection: AmqpConnection, o: MessagingModuleOptions) =>
          new MessagingTopology(connection, {
            prefix: o.prefix,
            deliveryLimit: o.deliveryLimit,
            retryDelaysMs: o.retryDelaysMs,
          }),
      },
      {
        provide: ConfirmingPublisher,
        inject: [AmqpConnection, MessagingTopology, MESSAGING_OPTIONS],
        useFactory: (
          connection: AmqpConnection,
          topology: MessagingTopology,
          o: MessagingModuleOptions,
        ) =>
          new ConfirmingPublisher(connection, topology, {
            publishTimeoutMs: o.publishTimeoutMs,
            appId: o.appName,
          }),
      },
      { provide: OutboxWriter, useFactory: () => new OutboxWriter() },
      {
        provide: OutboxRelay,
        inject: [dataSourceToken, ConfirmingPublisher, MESSAGING_OPTIONS],
        useFactory: (
          dataSource: DataSource,
          publisher: ConfirmingPublisher,
          o: MessagingModuleOptions,
        ) => new OutboxRelay(dataSource, publisher, o.relay === false ? {} : (o.relay ?? {})),
      },
      { provide: MessageHandlerRegistry, useFactory: () => new MessageHandlerRegistry() },
      {
        provide: ConsumerHost,
        inject: [
          AmqpConnection,
          MessagingTopology,
          ConfirmingPublisher,
          MessageHandlerRegistry,
          MESSAGING_OPTIONS,
        ],
        useFactory: (
          connection: AmqpConnection,
          topology: MessagingTopology,
          publisher: ConfirmingPublisher,
          registry: MessageHandlerRegistry,
          o: MessagingModuleOptions,
        ) =>
          new ConsumerHost(connection, topology, publisher, registry, {
            prefetch: o.prefetch,
            stopTimeoutMs: o.stopTimeoutMs,
            appName: o.appName,
          }),
      },
      {
        provide: MessagingLifecycle,
        inject: [
          AmqpConnection,
          MessagingTopology,
          ConfirmingPublisher,
          OutboxRelay,
          ConsumerHost,
          MESSAGING_OPTIONS,
        ],
        useFactory: (
          connection: AmqpConnection,
          topology: MessagingTopology,
          publisher: ConfirmingPublisher,
          relay: OutboxRelay,
          consumers: ConsumerHost,
          o: MessagingModuleOptions,
        ) =>
          new MessagingLifecycle(
            connection,
            topology,
            publisher,
            relay,
            consumers,
            o.relay !== false,
          ),
      },
    ];
    return { module: MessagingModule, global: true, providers, exports: EXPORTED };
  }
}
