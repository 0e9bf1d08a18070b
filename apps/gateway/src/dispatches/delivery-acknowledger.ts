import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { type AnyOutboxMessageInput, OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import type { DispatchRecipientEntity } from '@docaxis/persistence/dispatch/dispatch-recipient.entity';
import {
  type AcknowledgementFacts,
  DispatchRepository,
} from '@docaxis/persistence/dispatch/dispatch.repository';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';

/** What acknowledging one dispatch came to, for the agency that asked. */
export type AcknowledgementOutcome =
  | {
      dispatchId: string;
      outcome: 'acknowledged' | 'already_acknowledged';
      recipient: DispatchRecipientEntity;
    }
  | {
      dispatchId: string;
      /**
       * not_a_recipient: the caller sent it. recalled: the sender withdrew it from the caller's
       * inbox before the caller fetched it. not_found: nothing the caller may see (unknown, not
       * addressed to it, not yet in its inbox), as on every other dispatch route.
       */
      outcome: 'not_a_recipient' | 'not_found' | 'recalled';
    };

/**
 * A recipient acknowledges receipt of dispatches in its inbox, one or many at once: the state
 * change and one `dispatch.acknowledged` event per dispatch that moved commit together (the audit
 * trail records each). Acknowledging again changes nothing and announces nothing.
 */
@Injectable()
export class DeliveryAcknowledger {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dispatches: DispatchRepository,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  /** `dispatchIds` must be well-formed UUIDs; outcomes come back in their order. */
  async acknowledge(
    dispatchIds: readonly string[],
    agency: AuthenticatedAgency,
    correlationId: string,
  ): Promise<AcknowledgementOutcome[]> {
    const facts = await this.dataSource.transaction(async (manager) => {
      const found = await this.dispatches.acknowledge(manager, dispatchIds, agency.agencyCode);
      const events = found
        .filter((fact) => fact.moved)
        .map((fact) => acknowledgedEvent(fact, agency, correlationId));
      if (events.length > 0) await this.outbox.enqueueMany(manager, events);
      return found;
    });
    if (facts.some((fact) => fact.moved)) this.relay.nudge();
    return facts.map((fact) => outcomeOf(fact, agency.agencyCode));
  }
}

function acknowledgedEvent(
  fact: AcknowledgementFacts,
  agency: AuthenticatedAgency,
  correlationId: string,
): AnyOutboxMessageInput {
  return {
    destination: 'events',
    routingKey: MessageTypes.DispatchAcknowledged,
    messageType: MessageTypes.DispatchAcknowledged,
    correlationId,
    payload: {
      dispatchId: fact.recipient!.dispatchId,
      senderCode: fact.senderCode!,
      recipientCode: agency.agencyCode,
      occurredAt: fact.recipient!.acknowledgedAt!.toISOString(),
      actor: agency.certificateSubject,
    },
  };
}

/** The same visibility rules as every dispatch route (DispatchAccessService), sender first. */
function outcomeOf(fact: AcknowledgementFacts, agencyCode: string): AcknowledgementOutcome {
  const { dispatchId, recipient } = fact;
  if (fact.moved) return { dispatchId, outcome: 'acknowledged', recipient: recipient! };
  if (fact.senderCode === null) return { dispatchId, outcome: 'not_found' };
  if (fact.senderCode === agencyCode) return { dispatchId, outcome: 'not_a_recipient' };
  if (recipient?.state === 'acknowledged') {
    return { dispatchId, outcome: 'already_acknowledged', recipient };
  }
  // Withdrawn after it reached the inbox: the recipient saw it there, so saying so leaks nothing.
  if (recipient?.state === 'recalled' && recipient.deliveredAt !== null) {
    return { dispatchId, outcome: 'recalled' };
  }
  return { dispatchId, outcome: 'not_found' };
}
