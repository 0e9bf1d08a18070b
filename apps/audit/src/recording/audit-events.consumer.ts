import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DomainError } from '@docaxis/errors/domain-error';
import { ConsumerHost } from '@docaxis/messaging/consumer/consumer-host';
import type { InboundMessage } from '@docaxis/messaging/consumer/inbound-message';
import { UnprocessableMessageError } from '@docaxis/messaging/consumer/unprocessable-message.error';
import type { AppendOutcome } from './audit-appender.service';
import { AuditBatcher } from './audit-batcher';
import type { AuditEventInput } from './audit-event-input';
import { AuditEventMapper } from './audit-event-mapper';
import { AUDIT_EVENTS_QUEUE } from '@docaxis/messaging/topology/audit-events-queue';
import { AUDIT_RECORDING_OPTIONS, type AuditRecordingOptions } from './audit-recording.config';

/**
 * Records every event of the events exchange. It consumes the audit queue through the consumer
 * host's primitive `consume` rather than the handler registry on purpose: the registry parks
 * types it has no handler for and bodies breaking their contract, while the audit must record
 * those too (flagged by the mapper). The handler resolves only once the batch holding the event
 * has committed, so the host acknowledges after the commit; a redelivery is recorded once.
 */
@Injectable()
export class AuditEventsConsumer implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly consumers: ConsumerHost,
    private readonly mapper: AuditEventMapper,
    private readonly batcher: AuditBatcher,
    @Inject(AUDIT_RECORDING_OPTIONS) private readonly options: AuditRecordingOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    // Registered before messaging starts (onApplicationBootstrap): it begins with the others.
    await this.consumers.consume(
      AUDIT_EVENTS_QUEUE,
      async (message) => {
        await this.record(message);
      },
      {
        prefetch: this.options.prefetch,
      },
    );
  }

  /** Nest calls this after every module's beforeApplicationShutdown, i.e. once consumers stopped. */
  async onApplicationShutdown(): Promise<void> {
    await this.batcher.stop();
  }

  /**
   * Resolves once every record of the message has committed. A batched event's records may
   * commit in different appends: when one fails the message is not acked, and its redelivery
   * finds the others already recorded (same event ids) and records the rest.
   */
  async record(message: InboundMessage): Promise<AppendOutcome[]> {
    const events = this.mapper.mapAll({
      messageId: message.messageId,
      messageType: message.type,
      routingKey: message.routingKey,
      body: message.body,
      correlationId: message.correlationId,
      publishedAt: message.publishedAt,
      receivedAt: new Date(),
    });
    return Promise.all(events.map((event) => this.submit(event)));
  }

  private async submit(event: AuditEventInput): Promise<AppendOutcome> {
    try {
      return await this.batcher.submit(event);
    } catch (error) {
      // The event itself cannot be stored: no redelivery will change that, so park it at once
      // (with the reason) instead of cycling it through the delivery limit.
      if (error instanceof DomainError && error.kind === 'invalid-input') {
        throw new UnprocessableMessageError('AUDIT_EVENT_UNRECORDABLE', error.message, {
          cause: error.code,
          eventId: event.eventId,
        });
      }
      throw error;
    }
  }
}
