import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ConsumeMessage } from 'amqplib';
import { ConsumerHost } from '@docaxis/messaging/consumer/consumer-host';
import { ParkedMessageRepository } from '@docaxis/persistence/parked-message/parked-message.repository';
import { collectParkedDelivery } from './parked-delivery';

/**
 * Moves what lands on the parked queue into `parked_messages`, where operators list, inspect,
 * redrive or discard it (gateway admin API). Filing is idempotent, so several router instances
 * may collect side by side and a redelivered copy is filed once. If the database is down the
 * message goes back to the parked queue after a growing delay: nothing parked is ever dropped.
 */
@Injectable()
export class ParkedMessageCollector implements OnModuleInit {
  private readonly logger = new Logger(ParkedMessageCollector.name);

  constructor(
    private readonly consumers: ConsumerHost,
    private readonly parked: ParkedMessageRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    // Remembered until the consumer host starts (at application bootstrap).
    await this.consumers.consumeParked((delivery) => this.collect(delivery));
  }

  async collect(delivery: ConsumeMessage): Promise<void> {
    const message = collectParkedDelivery(delivery);
    if (await this.parked.insertCollected(message)) {
      this.logger.warn(
        {
          messageId: message.messageId,
          messageType: message.messageType,
          sourceQueue: message.sourceQueue,
          errorCode: message.errorCode,
        },
        'A parked message was filed for the operators',
      );
    }
  }
}
