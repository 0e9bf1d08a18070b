import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { MessageHandlerRegistry } from '@docaxis/messaging/consumer/message-handler-registry';
import { AgencyInboxConsumers } from './agency-inbox.consumers';
import { DIRECTORY_CHANGED_QUEUE } from './directory-changed.queue';

/**
 * Directory actions after which an agency has an inbox to consume. Suspension and reactivation
 * change nothing here: a suspended agency's inbox is consumed too (AgencyInboxConsumers).
 */
const ACTIONS_OPENING_AN_INBOX: ReadonlySet<string> = new Set(['agency.registered']);

/**
 * Thin adapter: a `directory.changed` registering an agency → the router starts consuming its
 * inbox queue at once, instead of at its next periodic look at the directory.
 * Idempotent: an agency already consumed is skipped; a failure is retried by the consumer host.
 */
@Injectable()
export class DirectoryChangeConsumer implements OnModuleInit {
  constructor(
    private readonly registry: MessageHandlerRegistry,
    private readonly inboxes: AgencyInboxConsumers,
  ) {}

  onModuleInit(): void {
    this.registry
      .consume(DIRECTORY_CHANGED_QUEUE)
      .handle<typeof MessageTypes.DirectoryChanged>(
        DIRECTORY_CHANGED_QUEUE,
        MessageTypes.DirectoryChanged,
        async (message) => {
          if (ACTIONS_OPENING_AN_INBOX.has(message.body.action)) {
            await this.inboxes.consumeNewlyRegistered();
          }
        },
      );
  }
}
