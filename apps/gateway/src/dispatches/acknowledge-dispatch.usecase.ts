import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { DispatchAccessService } from './dispatch-access.service';
import { NotARecipientError } from './dispatch-submission.errors';
import { type RecipientView, toRecipientView } from './dtos/dispatch-view';

/**
 * A recipient confirms it has received the dispatch. Acknowledging twice is harmless: the second
 * call changes nothing and returns the same state.
 */
@Injectable()
export class AcknowledgeDispatchUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: DispatchAccessService,
    private readonly dispatches: DispatchRepository,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(
    dispatchId: string,
    agency: AuthenticatedAgency,
    correlationId: string,
  ): Promise<RecipientView> {
    const party = await this.access.partyOf(dispatchId, agency.agencyCode);
    if (party.role !== 'recipient') throw new NotARecipientError(dispatchId);
    const moved = await this.dataSource.transaction(async (manager) => {
      let codes = await this.dispatches.advanceRecipients(
        manager,
        dispatchId,
        [agency.agencyCode],
        'fetched',
        'acknowledged',
      );
      if (codes.length === 0) {
        codes = await this.dispatches.advanceRecipients(
          manager,
          dispatchId,
          [agency.agencyCode],
          'delivered',
          'acknowledged',
        );
      }
      if (codes.length === 0) return false;
      await this.outbox.enqueue(manager, {
        destination: 'events',
        routingKey: MessageTypes.DispatchAcknowledged,
        messageType: MessageTypes.DispatchAcknowledged,
        correlationId,
        payload: {
          dispatchId,
          senderCode: party.dispatch.senderCode,
          recipientCode: agency.agencyCode,
          occurredAt: new Date().toISOString(),
          actor: agency.certificateSubject,
        },
      });
      return true;
    });
    if (moved) this.relay.nudge();
    const recipient = await this.dispatches.findRecipient(dispatchId, agency.agencyCode);
    return toRecipientView(recipient!);
  }
}
