import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { AmqpConnection } from './connection/amqp-connection';
import type { ConsumerHost } from './consumer/consumer-host';
import type { OutboxRelay } from './outbox/outbox-relay';
import type { ConfirmingPublisher } from './publisher/confirming-publisher';
import type { MessagingTopology } from './topology/messaging-topology';

/**
 * Starts and stops messaging in dependency order. Start: connection → topology → relay →
 * consumers (handlers were registered in `onModuleInit`, so the registry is complete). Stop,
 * before Nest closes anything else (needs `app.enableShutdownHooks()`): consumers first (their
 * running handlers still commit outbox rows and ack), then the relay (finishes its batch), then
 * the publisher's channel, then the connection.
 */
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MessagingLifecycle.name);

  constructor(
    private readonly connection: AmqpConnection,
    private readonly topology: MessagingTopology,
    private readonly publisher: ConfirmingPublisher,
    private readonly relay: OutboxRelay,
    private readonly consumers: ConsumerHost,
    private readonly relayEnabled: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Wiring mistakes refuse the start before anything touches the broker.
    this.consumers.assertWiring();
    try {
      await this.connection.start();
      await this.topology.declare();
      if (this.relayEnabled) this.relay.start();
      await this.consumers.start();
    } catch (error) {
      // Nest does not run shutdown hooks for an app that failed to start: undo what started.
      await this.beforeApplicationShutdown().catch(() => undefined);
      throw error;
    }
    this.logger.log(`messaging started (${this.topology.names.prefix})`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumers.stop();
    // What this instance consumed over its life (final once the consumers stopped): shows how
    // competing instances shared the work. Logged before the closes below, so the line is out
    // well before the process exits and cannot be lost with an unflushed log buffer.
    const { acked, requeued, retried, parked } = this.consumers.stats();
    this.logger.log(
      `messaging stopped (${acked} acked, ${requeued} requeued, ${retried} retried, ${parked} parked)`,
    );
    await this.relay.stop();
    await this.publisher.close();
    await this.connection.close();
  }
}
