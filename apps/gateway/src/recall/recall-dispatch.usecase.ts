import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { DispatchAccessService } from '../dispatches/dispatch-access.service';
import { DispatchNotFoundError } from '../dispatches/dispatch-submission.errors';
import { StatusNoticeWriter } from '../status-notices/status-notice-writer';
import { parseRecallRequest } from './recall-request';
import {
  DispatchAlreadyRecalledError,
  DispatchNotRecallableError,
  NotTheSenderError,
} from './recall.errors';

/** Status code the sender's recall request carries (Lấy lại). */
const RECALL_REQUEST_CODE = '13';

export interface RecallResult {
  dispatchId: string;
  recalledAt: string;
  reason: string;
  /** Recipients that had not fetched it: it is gone from their inbox. */
  withdrawnFrom: string[];
  /** Recipients that had fetched it: a recall request (13) is on its way to their inbox. */
  requestedFrom: string[];
}

/**
 * The sender recalls a dispatch (thu hồi). In one transaction: recipients that had not fetched
 * it lose it; each one that had gets a recall request (status 13) routed to its inbox, which it
 * answers with 15 (agrees) or 16 (refuses) through POST /dispatches/:id/status; the dispatch
 * records when and why; `dispatch.recalled` tells the audit.
 */
@Injectable()
export class RecallDispatchUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: DispatchAccessService,
    private readonly dispatches: DispatchRepository,
    private readonly notices: StatusNoticeWriter,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(
    dispatchId: string,
    agency: AuthenticatedAgency,
    body: unknown,
    correlationId: string,
  ): Promise<RecallResult> {
    const { reason } = parseRecallRequest(body);
    const party = await this.access.partyOf(dispatchId, agency.agencyCode);
    if (party.role !== 'sender') throw new NotTheSenderError(dispatchId);
    const result = await this.dataSource.transaction(async (manager) => {
      const dispatch = await this.dispatches.lockById(manager, dispatchId);
      if (!dispatch) throw new DispatchNotFoundError(dispatchId);
      if (dispatch.recalledAt)
        throw new DispatchAlreadyRecalledError(dispatchId, dispatch.recalledAt);
      if (dispatch.state === 'rejected') throw new DispatchNotRecallableError(dispatchId);
      const recalledAt = new Date();
      await this.dispatches.update(manager, dispatchId, { recalledAt, recallReason: reason });
      const { withdrawn, requested } = await this.dispatches.recallRecipients(manager, dispatchId);
      const digest = createHash('sha256')
        .update(JSON.stringify([dispatchId, reason]))
        .digest('hex');
      for (const recipientCode of requested) {
        const id = uuidv7();
        await this.notices.record(
          manager,
          {
            id,
            dispatchId,
            recipientCode,
            authorCode: agency.agencyCode,
            addresseeCode: recipientCode,
            // One recall per dispatch, so this id is unique per sender as the index requires.
            noticeId: `recall:${dispatchId}:${recipientCode}`,
            statusCode: RECALL_REQUEST_CODE,
            reason,
            staff: null,
            noticedAt: recalledAt,
            requestDigest: digest,
          },
          { senderCode: agency.agencyCode, correlationId, actor: agency.certificateSubject },
        );
      }
      await this.outbox.enqueue(manager, {
        destination: 'events',
        routingKey: MessageTypes.DispatchRecalled,
        messageType: MessageTypes.DispatchRecalled,
        correlationId,
        payload: {
          dispatchId,
          senderCode: agency.agencyCode,
          reason,
          withdrawnFrom: withdrawn,
          requestedFrom: requested,
          occurredAt: recalledAt.toISOString(),
          actor: agency.certificateSubject,
        },
      });
      return {
        dispatchId,
        recalledAt: recalledAt.toISOString(),
        reason,
        withdrawnFrom: withdrawn,
        requestedFrom: requested,
      };
    });
    this.relay.nudge();
    return result;
  }
}
