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
import { MessageHandlerRegistry } from '@docaxis/messaging/consumer/message-handler-registry';
import { agencyInboxQueue } from '@docaxis/messaging/topology/consumer-queue-definition';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import { ROUTER_CONFIG, type RouterConfig } from '../config/router.config';
import { DeliverToInboxUseCase } from './deliver-to-inbox.usecase';

/**
 * Consumes every active agency's inbox queue (one durable quorum queue per agency, so a backlog
 * or an outage at one agency never holds up another). Agencies registered after start-up are
 * picked up by a periodic look at the directory.
 */
@Injectable()
export class AgencyInboxConsumers
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(AgencyInboxConsumers.name);
  private readonly consumed = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly registry: MessageHandlerRegistry,
    private readonly consumers: ConsumerHost,
    private readonly agencies: AgencyRepository,
    private readonly deliver: DeliverToInboxUseCase,
    @Inject(ROUTER_CONFIG) private readonly config: RouterConfig,
  ) {}

  /** Registered before the consumer host starts, so its wiring check sees every queue. */
  async onModuleInit(): Promise<void> {
    for (const code of await this.agencies.listActiveCodes()) {
      const queue = agencyInboxQueue(code);
      this.registry
        .consume(queue)
        .handle(queue, MessageTypes.DeliveryRequested, (message) => this.handle(message));
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

  /** Starts consuming the inbox queue of agencies that appeared since the last look. */
  async refresh(): Promise<void> {
    try {
      for (const code of await this.agencies.listActiveCodes()) {
        if (this.consumed.has(code)) continue;
        this.consumed.add(code);
        await this.consumers.consume(agencyInboxQueue(code), (message) => this.handle(message));
        this.logger.log(
          { agencyCode: code },
          'Consuming the inbox queue of a newly registered agency',
        );
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not refresh the agency inbox consumers; will retry');
    }
  }

  private handle(message: InboundMessage): Promise<void> {
    const body = message.body as DeliveryRequested;
    return this.deliver.execute({
      messageId: message.messageId,
      dispatchId: body.dispatchId,
      recipientCode: body.recipientCode,
    });
  }
}
