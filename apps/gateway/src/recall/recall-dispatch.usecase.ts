import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { outboxRowOf } from '@docaxis/messaging/outbox/outbox-writer';
import { isUuid } from '@docaxis/persistence/database/uuid';
import {
  DispatchRecallRepository,
  type DispatchRecallOutcome,
  RECALL_REQUEST_CODE,
} from '@docaxis/persistence/dispatch/dispatch-recall.repository';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { partyRoleOf } from '../dispatches/dispatch-access.service';
import { DispatchNotFoundError } from '../dispatches/dispatch-submission.errors';
import { parseRecallRequest } from './recall-request';
import {
  DispatchAlreadyRecalledError,
  DispatchNotRecallableError,
  NotTheSenderError,
} from './recall.errors';

export interface RecallResult {
  dispatchId: string;
  recalledAt: string;
  reason: string;
  /** Recipients that had neither fetched it nor reported a status: it is gone from their inbox. */
  withdrawnFrom: string[];
  /** Recipients that had fetched it or reported a status: a recall request (13) is on its way to their inbox. */
  requestedFrom: string[];
}

/**
 * Stands in for the recipient and the notice id that only the recall statement knows, while the
 * recall request's `status.noticed` is checked against its contract; the statement replaces them.
 */
const STAND_IN_AGENCY_CODE = '000.00.00.A00';
const STAND_IN_NOTICE_ID = '00000000-0000-7000-8000-000000000000';

/**
 * The sender recalls a dispatch (thu hồi). One statement (DispatchRecallRepository.recall):
 * recipients that do not have it (not fetched, no status reported) lose it; each one that has it gets a recall request (status
 * 13, a notice from the sender with its `status.noticed` message) routed to its inbox, which it
 * answers with 15 (agrees) or 16 (refuses) through POST /dispatches/:id/status; the dispatch
 * records when and why; `dispatch.recalled` tells the audit. What the statement read answers
 * every refusal, in the order the checks always had: not found, not the sender, already
 * recalled, rejected.
 */
@Injectable()
export class RecallDispatchUseCase {
  constructor(
    private readonly recalls: DispatchRecallRepository,
    private readonly dispatches: DispatchRepository,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(
    dispatchId: string,
    agency: AuthenticatedAgency,
    body: unknown,
    correlationId: string,
  ): Promise<RecallResult> {
    const { reason } = parseRecallRequest(body);
    if (!isUuid(dispatchId)) throw new DispatchNotFoundError(dispatchId);
    const senderCode = agency.agencyCode;
    const recalledAt = new Date();
    const occurredAt = recalledAt.toISOString();
    const actor = agency.certificateSubject;
    const outcome = await this.recalls.recall({
      dispatchId,
      callerCode: senderCode,
      reason,
      recalledAt,
      requestDigest: createHash('sha256')
        .update(JSON.stringify([dispatchId, reason]))
        .digest('hex'),
      correlationId,
      requestAnnouncement: outboxRowOf({
        destination: 'events',
        routingKey: MessageTypes.StatusNoticed,
        messageType: MessageTypes.StatusNoticed,
        correlationId,
        payload: {
          dispatchId,
          senderCode,
          recipientCode: STAND_IN_AGENCY_CODE,
          statusNoticeId: STAND_IN_NOTICE_ID,
          authorCode: senderCode,
          addresseeCode: STAND_IN_AGENCY_CODE,
          statusCode: RECALL_REQUEST_CODE,
          occurredAt,
          actor,
        },
      }),
      announcement: outboxRowOf({
        destination: 'events',
        routingKey: MessageTypes.DispatchRecalled,
        messageType: MessageTypes.DispatchRecalled,
        correlationId,
        payload: {
          dispatchId,
          senderCode,
          reason,
          withdrawnFrom: [],
          withdrawnFromInbox: [],
          requestedFrom: [],
          occurredAt,
          actor,
        },
      }),
    });
    const { dispatch, recalled } = outcome;
    const role = dispatch && partyRoleOf(dispatch.senderCode, outcome.callerState, senderCode);
    if (!role) throw new DispatchNotFoundError(dispatchId);
    if (role !== 'sender') throw new NotTheSenderError(dispatchId);
    if (!recalled) throw await this.refusal(dispatchId, outcome);
    this.relay.nudge();
    return { dispatchId, recalledAt: occurredAt, reason, ...recalled };
  }

  /** Why the sender's recall changed nothing: as read, or as a concurrent change left it. */
  private async refusal(dispatchId: string, { dispatch }: DispatchRecallOutcome): Promise<Error> {
    // Read before a concurrent recall (or rejection) the statement then waited for: read again.
    const current =
      dispatch!.recalledAt || dispatch!.state === 'rejected'
        ? dispatch!
        : await this.dispatches.findById(dispatchId);
    if (!current) return new DispatchNotFoundError(dispatchId);
    if (current.recalledAt) return new DispatchAlreadyRecalledError(dispatchId, current.recalledAt);
    return new DispatchNotRecallableError(dispatchId);
  }
}
