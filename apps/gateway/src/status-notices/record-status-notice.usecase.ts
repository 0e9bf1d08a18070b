import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { outboxRowOf } from '@docaxis/messaging/outbox/outbox-writer';
import { isUuid } from '@docaxis/persistence/database/uuid';
import type {
  RecallAnswerState,
  RecipientState,
} from '@docaxis/persistence/dispatch/dispatch-state';
import type { StatusNoticeEntity } from '@docaxis/persistence/status-notice/status-notice.entity';
import {
  type StatusNoticeRecording,
  type StatusNoticeRecordingOutcome,
  StatusNoticeRepository,
} from '@docaxis/persistence/status-notice/status-notice.repository';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import {
  type StatusPacketSignature,
  statusPacketSignatureSummary,
} from '../edxml-status/status-packet-signature';
import { partyRoleOf } from '../dispatches/dispatch-access.service';
import {
  DispatchNotFoundError,
  NotARecipientError,
} from '../dispatches/dispatch-submission.errors';
import {
  decideRecipientStatus,
  movesOf,
  type ProcessingStatusCode,
  type StatusRefusal,
} from './recipient-status-machine';
import { parseStatusNoticeRequest, type StatusNoticeRequest } from './status-notice-request';
import { type StatusNoticeView, toStatusNoticeView } from './dtos/status-notice-view';
import {
  DispatchRecalledError,
  NoticeIdReusedError,
  RecallNotRequestedError,
  StatusCodeReservedForSenderError,
  StatusNoticeContendedError,
  StatusTransitionInvalidError,
} from './status-notice.errors';

export interface RecordStatusNoticeCommand {
  dispatchId: string;
  agency: AuthenticatedAgency;
  body: unknown;
  correlationId: string;
  /** The XML signature of the status packet the body came from; absent for a JSON notice. */
  envelopeSignature?: StatusPacketSignature;
}

export interface RecordStatusNoticeResult {
  notice: StatusNoticeView;
  /** True when this answers a repeat of a notice id with the notice recorded the first time. */
  replayed: boolean;
}

const VISIBLE = ['delivered', 'fetched', 'acknowledged'];
/** A recipient's own notices racing its move: ask again (each time sees the other committed). */
const MAX_ATTEMPTS = 5;

/**
 * A recipient reports where its copy of a dispatch stands (trạng thái xử lý). One statement
 * (StatusNoticeRepository.record) reads the copy, moves it along the status machine under its
 * row lock, records the notice and its `status.noticed` announcement; the router then delivers it
 * to the sender's inbox. What the statement read answers every refusal (not found, not a
 * recipient, transition, recall), in the order the checks always had. A repeat with the same
 * notice id returns the first notice.
 */
@Injectable()
export class RecordStatusNoticeUseCase {
  constructor(
    private readonly notices: StatusNoticeRepository,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(command: RecordStatusNoticeCommand): Promise<RecordStatusNoticeResult> {
    const request = parseStatusNoticeRequest(command.body);
    const { agency, dispatchId, envelopeSignature } = command;
    if (!isUuid(dispatchId)) throw new DispatchNotFoundError(dispatchId);
    const digest = digestOf(dispatchId, request);
    const id = uuidv7();
    const recording: StatusNoticeRecording = {
      notice: {
        id,
        dispatchId,
        recipientCode: agency.agencyCode,
        authorCode: agency.agencyCode,
        noticeId: request.noticeId ?? id,
        statusCode: request.code,
        reason: request.reason,
        staff: request.staff,
        noticedAt: request.timestamp ?? null,
        requestDigest: digest,
        envelopeSignature: (envelopeSignature ?? null) as Record<string, unknown> | null,
        incomingTrace: request.trace,
      },
      visibleStates: VISIBLE,
      moves: movesOf(request.code),
      announcement: outboxRowOf({
        destination: 'events',
        routingKey: MessageTypes.StatusNoticed,
        messageType: MessageTypes.StatusNoticed,
        correlationId: command.correlationId,
        payload: {
          dispatchId,
          // The statement puts the dispatch's sender in both.
          senderCode: agency.agencyCode,
          addresseeCode: agency.agencyCode,
          recipientCode: agency.agencyCode,
          statusNoticeId: id,
          authorCode: agency.agencyCode,
          statusCode: request.code,
          occurredAt: new Date().toISOString(),
          actor: agency.certificateSubject,
          // The audit records it with the notice.
          ...(envelopeSignature
            ? { envelopeSignature: statusPacketSignatureSummary(envelopeSignature) }
            : {}),
        },
      }),
    };
    for (let attempt = 1; ; attempt++) {
      let outcome: StatusNoticeRecordingOutcome;
      try {
        outcome = await this.notices.record(recording);
      } catch (error) {
        // Two identical requests raced: the loser answers with the winner's notice.
        if (isNoticeIdConflict(error) && request.noticeId !== undefined) {
          const replay = await this.replayOf(agency.agencyCode, request.noticeId, digest);
          if (replay) return replay;
        }
        throw error;
      }
      const { senderCode, recipient, replay, recorded } = outcome;
      const role =
        senderCode === null
          ? null
          : partyRoleOf(
              senderCode,
              (recipient?.state ?? null) as RecipientState | null,
              agency.agencyCode,
            );
      if (role === null) throw new DispatchNotFoundError(dispatchId);
      if (role !== 'recipient') throw new NotARecipientError(dispatchId);
      if (replay) return replayed(replay, digest, request.noticeId!);
      if (recorded) {
        this.relay.nudge();
        return { notice: toStatusNoticeView(recorded), replayed: false };
      }
      const decision = decideRecipientStatus(
        {
          statusCode: recipient!.statusCode as ProcessingStatusCode | null,
          recallState: recipient!.recallState as RecallAnswerState | null,
        },
        request.code,
      );
      if (!decision.ok) throw refusalError(decision.refusal, dispatchId, request.code);
      // The copy moved (another notice of this recipient) between the read and the lock.
      if (attempt === MAX_ATTEMPTS) throw new StatusNoticeContendedError(dispatchId);
    }
  }

  private async replayOf(
    authorCode: string,
    noticeId: string,
    digest: string,
  ): Promise<RecordStatusNoticeResult | undefined> {
    const existing = await this.notices.findByNoticeId(authorCode, noticeId);
    return existing ? replayed(existing, digest, noticeId) : undefined;
  }
}

function replayed(
  existing: StatusNoticeEntity,
  digest: string,
  noticeId: string,
): RecordStatusNoticeResult {
  if (existing.requestDigest !== digest) throw new NoticeIdReusedError(noticeId);
  return { notice: toStatusNoticeView(existing), replayed: true };
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
