import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { MessagePayloads } from '@docaxis/messaging/contracts/message-payloads';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { CredentialCache } from '../auth/credential-cache';

export type DirectoryChange = Omit<MessagePayloads['directory.changed'], 'occurredAt' | 'actor'>;

/**
 * Runs a directory change and records it: the change and its `directory.changed` event commit
 * together (transactional outbox), so the audit trail shows every change and who made it, and
 * nothing unrecorded can take effect. Authentication's cache is dropped afterwards.
 */
@Injectable()
export class DirectoryChangeRecorder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    private readonly credentials: CredentialCache,
  ) {}

  async record<T>(
    actor: AuthenticatedAgency,
    change: (manager: EntityManager) => Promise<{ result: T; recorded: DirectoryChange }>,
  ): Promise<T> {
    const result = await this.dataSource.transaction(async (manager) => {
      const outcome = await change(manager);
      await this.outbox.enqueue(manager, {
        destination: 'events',
        routingKey: MessageTypes.DirectoryChanged,
        messageType: MessageTypes.DirectoryChanged,
        payload: {
          ...outcome.recorded,
          occurredAt: new Date().toISOString(),
          actor: actor.certificateSubject,
        },
      });
      return outcome.result;
    });
    this.credentials.invalidateAll();
    this.relay.nudge();
    return result;
  }
}
