import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import { StatusNoticeRepository } from '@docaxis/persistence/status-notice/status-notice.repository';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { DispatchAccessService } from '../dispatches/dispatch-access.service';
import {
  DispatchNotFoundError,
  NotARecipientError,
} from '../dispatches/dispatch-submission.errors';
import {
  decideRecipientStatus,
  type ProcessingStatusCode,
  type StatusRefusal,
} from './recipient-status-machine';
import { parseStatusNoticeRequest, type StatusNoticeRequest } from './status-notice-request';
import { type StatusNoticeView, toStatusNoticeView } from './dtos/status-notice-view';
import { StatusNoticeWriter } from './status-notice-writer';
import {
  DispatchRecalledError,
  NoticeIdReusedError,
  RecallNotRequestedError,
  StatusCodeReservedForSenderError,
  StatusTransitionInvalidError,
} from './status-notice.errors';

export interface RecordStatusNoticeCommand {
  dispatchId: string;
  agency: AuthenticatedAgency;
  body: unknown;
  correlationId: string;
}

export interface RecordStatusNoticeResult {
  notice: StatusNoticeView;
  /** True when this answers a repeat of a notice id with the notice recorded the first time. */
  replayed: boolean;
}

const VISIBLE = new Set(['delivered', 'fetched', 'acknowledged']);

/**
 * A recipient reports where its copy of a dispatch stands (trạng thái xử lý). The notice is
 * checked against the recipient's state under a row lock, recorded with the state it moves to,
 * and announced through the outbox in one transaction; the router then delivers it to the
 * sender's inbox. A repeat with the same notice id returns the first notice.
 */
@Injectable()
export class RecordStatusNoticeUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: DispatchAccessService,
    private readonly dispatches: DispatchRepository,
    private readonly notices: StatusNoticeRepository,
    private readonly writer: StatusNoticeWriter,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(command: RecordStatusNoticeCommand): Promise<RecordStatusNoticeResult> {
    const request = parseStatusNoticeRequest(command.body);
    const { agency, dispatchId } = command;
    const party = await this.access.partyOf(dispatchId, agency.agencyCode);
    if (party.role !== 'recipient') throw new NotARecipientError(dispatchId);
    const digest = digestOf(dispatchId, request);
    if (request.noticeId !== undefined) {
      const replay = await this.replayOf(agency.agencyCode, request.noticeId, digest);
      if (replay) return replay;
    }
    const id = uuidv7();
    try {
      await this.dataSource.transaction(async (manager) => {
        const recipient = await this.dispatches.lockRecipient(
          manager,
          dispatchId,
          agency.agencyCode,
        );
        // A recall may have withdrawn it since the access check.
        if (!recipient || !VISIBLE.has(recipient.state)) {
          throw new DispatchNotFoundError(dispatchId);
        }
        const decision = decideRecipientStatus(
          {
            statusCode: recipient.statusCode as ProcessingStatusCode | null,
            recallState: recipient.recallState,
          },
          request.code,
        );
        if (!decision.ok) throw refusalError(decision.refusal, dispatchId, request.code);
        const recordedAt = new Date();
        await this.dispatches.updateRecipient(manager, dispatchId, agency.agencyCode, {
          statusCode: decision.next.statusCode,
          recallState: decision.next.recallState,
          statusAt: recordedAt,
        });
        await this.writer.record(
          manager,
          {
            id,
            dispatchId,
            recipientCode: agency.agencyCode,
            authorCode: agency.agencyCode,
            addresseeCode: party.dispatch.senderCode,
            noticeId: request.noticeId ?? id,
            statusCode: request.code,
            reason: request.reason,
            staff: request.staff,
            noticedAt: request.timestamp ?? recordedAt,
            requestDigest: digest,
          },
          {
            senderCode: party.dispatch.senderCode,
            correlationId: command.correlationId,
            actor: agency.certificateSubject,
          },
        );
      });
    } catch (error) {
      // Two identical requests raced: the loser answers with the winner's notice.
      if (isNoticeIdConflict(error) && request.noticeId !== undefined) {
        const replay = await this.replayOf(agency.agencyCode, request.noticeId, digest);
        if (replay) return replay;
      }
      throw error;
    }
    this.relay.nudge();
    const notice = await this.notices.findById(id);
    return { notice: toStatusNoticeView(notice!), replayed: false };
  }

  private async replayOf(
    authorCode: string,
    noticeId: string,
    digest: string,
  ): Promise<RecordStatusNoticeResult | undefined> {
    const existing = await this.notices.findByNoticeId(authorCode, noticeId);
    if (!existing) return undefined;
    if (existing.requestDigest !== digest) throw new NoticeIdReusedError(noticeId);
    return { notice: toStatusNoticeView(existing), replayed: true };
  }
}

function refusalError(refusal: StatusRefusal, dispatchId: string, code: string): Error {
  switch (refusal.kind) {
    case 'reserved-for-sender':
      return new StatusCodeReservedForSenderError();
    case 'recall-not-requested':
      return new RecallNotRequestedError(dispatchId, refusal.recallState);
    case 'recalled':
      return new DispatchRecalledError(dispatchId);
    case 'transition-invalid':
      return new StatusTransitionInvalidError(refusal.from, code, refusal.allowed);
  }
}

/** What makes two posts "the same notice": everything but the notice id itself. */
function digestOf(dispatchId: string, request: StatusNoticeRequest): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        dispatchId,
        request.code,
        request.reason,
        request.staff,
        request.timestamp?.toISOString() ?? null,
      ]),
    )
    .digest('hex');
}

function isNoticeIdConflict(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error as { driverError?: { constraint?: string } }).driverError?.constraint ===
      'uq_status_notices_notice_id'
  );
}
