import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { DeliveryRequested } from '@docaxis/messaging/contracts/message-payloads';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { ConsumerHost } from '@docaxis/messaging/consumer/consumer-host';
import type { InboundMessage } from '@docaxis/messaging/consumer/inbound-message';
import { MessageBatcher } from '@docaxis/messaging/consumer/message-batcher';
import { MessageHandlerRegistry } from '@docaxis/messaging/consumer/message-handler-registry';
import {
  agencyInboxQueue,
  type ConsumerQueueDefinition,
} from '@docaxis/messaging/topology/consumer-queue-definition';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import { ROUTER_CONFIG, type RouterConfig } from '../config/router.config';
import { DeliverToInboxUseCase, type DeliverToInboxCommand } from './deliver-to-inbox.usecase';

/**
 * Consumes every registered agency's inbox queue (one durable quorum queue per agency, so a
 * backlog or an outage at one agency never holds up another), suspended agencies included: what
 * was accepted for an agency before its suspension is delivered into its inbox and waits there
 * until it is reactivated (it can fetch nothing meanwhile), whether or not a router restarted in
 * between. Agencies registered after start-up are picked up at once when the `directory.changed`
 * event saying so reaches this instance (DirectoryChangeConsumer; one router instance of several
 * takes each event), and by every instance at its periodic look at the directory
 * (ROUTER_AGENCY_REFRESH_MS).
 *
 * The messages of one agency that arrive together (within ROUTER_DELIVERY_BATCH_LINGER_MS, up to
 * ROUTER_DELIVERY_BATCH_MAX) go into its inbox in one statement, one commit; each is acked only
 * after that commit (the consumer host acks when the handler resolves, and the handler resolves
 * once its batch committed). When a batch fails, each of its messages is delivered alone, so a
 * bad one fails, is retried or parked on its own, and the others still go through.
 */
@Injectable()
export class AgencyInboxConsumers
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(AgencyInboxConsumers.name);
  /** Agencies whose inbox handler is on the registry (once each: a second would be a wiring error). */
  private readonly registered = new Set<string>();
  /** Agencies whose inbox queue is consumed: marked once its consumer has started, not before. */
  private readonly consumed = new Set<string>();
  /** By recipient agency code: its inbox's position lock is taken once per statement. */
  private readonly batchers = new Map<string, MessageBatcher<DeliverToInboxCommand>>();
  private timer?: NodeJS.Timeout;
  /** The look at the directory in progress (or the last one). */
  private lookup: Promise<void> = Promise.resolve();

  constructor(
    private readonly registry: MessageHandlerRegistry,
    private readonly consumers: ConsumerHost,
    private readonly agencies: AgencyRepository,
    private readonly deliver: DeliverToInboxUseCase,
    @Inject(ROUTER_CONFIG) private readonly config: RouterConfig,
  ) {}

  /** Registered before the consumer host starts, so its wiring check sees every queue. */
  async onModuleInit(): Promise<void> {
    for (const code of await this.agencies.listCodes()) {
      this.register(code);
      // The consumer host starts it with the others, or the app does not start.
      this.consumed.add(code);
    }
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.refresh(), this.config.ROUTER_AGENCY_REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** The periodic look: starts consuming new agencies' inboxes; a failure waits for the next. */
  async refresh(): Promise<void> {
    try {
      await this.consumeNewlyRegistered();
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not refresh the agency inbox consumers; will retry');
    }
  }

  /**
   * Starts consuming the inbox queue (declaring it) of every registered agency not consumed yet;
   * throws on failure. Runs one at a time (the periodic look and a `directory.changed` may
   * coincide), so an agency is never registered twice.
   */
  consumeNewlyRegistered(): Promise<void> {
    const look = this.lookup.catch(() => undefined).then(() => this.startNewlyRegistered());
    this.lookup = look;
    return look;
  }

  /**
   * An agency whose consumer fails to start stays unconsumed, so the next look tries it again;
   * the others are still started. Throws the first failure once all were tried.
   */
  private async startNewlyRegistered(): Promise<void> {
    const failures: unknown[] = [];
    for (const code of await this.agencies.listCodes()) {
      if (this.consumed.has(code)) continue;
      try {
        await this.consumers.startRegistered(this.register(code));
      } catch (error) {
        failures.push(error);
        this.logger.warn(
          { err: error, agencyCode: code },
          'Could not start consuming the inbox queue of an agency; will retry',
        );
        continue;
      }
      this.consumed.add(code);
      this.logger.log(
        { agencyCode: code },
        'Consuming the inbox queue of a newly registered agency',
      );
    }
    if (failures.length > 0) throw failures[0];
  }

  /**
   * Registers the agency's inbox queue on the registry (once), whose dispatcher checks each
   * message's type and contract before `handle` (a message breaking them is parked at once), at
   * start-up and for agencies found later alike.
   */
  private register(code: string): ConsumerQueueDefinition {
    const queue = agencyInboxQueue(code);
    if (this.registered.has(code)) return queue;
    this.registry
      .consume(queue)
      .handle(queue, MessageTypes.DeliveryRequested, (message) => this.handle(message));
    this.registered.add(code);
    return queue;
  }

  private handle(message: InboundMessage<DeliveryRequested>): Promise<void> {
    const { dispatchId, recipientCode } = message.body;
    return this.batcherOf(recipientCode).submit({
      messageId: message.messageId,
      dispatchId,
      recipientCode,
    });
  }

  private batcherOf(recipientCode: string): MessageBatcher<DeliverToInboxCommand> {
    let batcher = this.batchers.get(recipientCode);
    if (!batcher) {
      batcher = new MessageBatcher({
        maxSize: this.config.ROUTER_DELIVERY_BATCH_MAX,
        lingerMs: this.config.ROUTER_DELIVERY_BATCH_LINGER_MS,
        handleBatch: (commands) => this.deliver.executeMany(commands),
        handleOne: (command) => this.deliver.execute(command),
        onBatchFailure: (error, size) =>
          this.logger.warn(
            { err: error, agencyCode: recipientCode, size },
            'A batch of deliveries failed; delivering its messages one by one',
          ),
      });
      this.batchers.set(recipientCode, batcher);
    }
    return batcher;
  }
}
