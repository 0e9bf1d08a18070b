import { Injectable } from '@nestjs/common';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { outboxRowOf } from '@docaxis/messaging/outbox/outbox-writer';
import type { DispatchRecipientEntity } from '@docaxis/persistence/dispatch/dispatch-recipient.entity';
import {
  type AcknowledgementFacts,
  DispatchRepository,
} from '@docaxis/persistence/dispatch/dispatch.repository';
import type { OutboxRow } from '@docaxis/persistence/outbox/outbox-row';
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
 * change and one `dispatch.acknowledged.batch` event listing every dispatch that moved commit
 * together, in one statement (the audit trail records one `dispatch.acknowledged` per dispatch
 * listed). Acknowledging again changes nothing and announces nothing.
 */
@Injectable()
export class DeliveryAcknowledger {
  constructor(
    private readonly dispatches: DispatchRepository,
    private readonly relay: OutboxRelay,
  ) {}

  /** `dispatchIds` must be well-formed UUIDs; outcomes come back in their order. */
  async acknowledge(
    dispatchIds: readonly string[],
    agency: AuthenticatedAgency,
    correlationId: string,
  ): Promise<AcknowledgementOutcome[]> {
    const facts = await this.dispatches.acknowledge({
      dispatchIds,
      recipientCode: agency.agencyCode,
      announcement: acknowledgedEvent(dispatchIds[0], agency, correlationId),
    });
    if (facts.some((fact) => fact.moved)) this.relay.nudge();
    return facts.map((fact) => outcomeOf(fact, agency.agencyCode));
  }
}

/**
 * The event checked with stand-ins for what the statement fills in: the list of copies that
 * moved (each copy's dispatchId and sender) and the time they were acknowledged.
 */
function acknowledgedEvent(
  standInDispatchId: string,
  agency: AuthenticatedAgency,
  correlationId: string,
): OutboxRow {
  return outboxRowOf({
    destination: 'events',
    routingKey: MessageTypes.DispatchAcknowledgedBatch,
    messageType: MessageTypes.DispatchAcknowledgedBatch,
    correlationId,
    payload: {
      acknowledgements: [{ dispatchId: standInDispatchId, senderCode: agency.agencyCode }],
      recipientCode: agency.agencyCode,
      occurredAt: new Date().toISOString(),
      actor: agency.certificateSubject,
    },
  });
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
