import { Injectable, Logger } from '@nestjs/common';
import { BlobStore } from '@docaxis/blob-store/blob-store';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { outboxRowOf } from '@docaxis/messaging/outbox/outbox-writer';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import { DispatchVerificationRepository } from '@docaxis/persistence/dispatch/dispatch-verification.repository';
import { PdfVerifier } from '@docaxis/signature/verification/pdf-verifier';
import { judgeDispatchSignatures } from './dispatch-signature-policy';
import { RevocationRetryPolicy } from './revocation-retry-policy';
import { RevocationStatusPendingError } from './revocation-status-pending.error';

export interface VerifyDispatchCommand {
  messageId: string;
  dispatchId: string;
}

const CONSUMER = 'verifier.verify-dispatch';

/**
 * Verifies every signature of every PDF of a submitted dispatch, stores the reports, and moves
 * the dispatch to verified or rejected with the event that says so. The CPU-heavy verification
 * comes first; the decision then commits atomically with its event, in one statement.
 *
 * A revocation status no source could give (CRL/OCSP unreachable), inside the retry window since
 * acceptance, decides nothing: the dispatch stays accepted and RevocationStatusPendingError has
 * the consumer host verify it again later (RevocationRetryPolicy).
 */
@Injectable()
export class VerifyDispatchUseCase {
  private readonly logger = new Logger(VerifyDispatchUseCase.name);

  constructor(
    private readonly dispatches: DispatchVerificationRepository,
    private readonly blobs: BlobStore,
    private readonly verifier: PdfVerifier,
    private readonly relay: OutboxRelay,
    private readonly metrics: AxisMetrics,
    private readonly revocationRetry: RevocationRetryPolicy,
  ) {}

  async execute(command: VerifyDispatchCommand): Promise<void> {
    const dispatch = await this.dispatches.findToVerify(command.dispatchId);
    if (!dispatch || dispatch.state !== 'accepted') return; // unknown or already decided: nothing to do
    const { files } = dispatch;
    // All files at once: the reads overlap, and with worker threads so do the verifications.
    const reports = await Promise.all(
      files.map(async (file) => this.verifier.verify(await this.blobs.get(file.sha256))),
    );
    const decision = this.revocationRetry.decide(
      judgeDispatchSignatures(
        dispatch.senderCode,
        files.map((file, i) => ({ fileName: file.fileName, report: reports[i] })),
      ),
      new Date(dispatch.acceptedAt),
    );
    if (decision.kind === 'retry-later') {
      this.metrics.verificationOutcomes.inc({ outcome: 'REVOCATION_STATUS_PENDING' });
      this.logger.warn(
        {
          dispatchId: dispatch.id,
          outcome: 'REVOCATION_STATUS_PENDING',
          retryUntil: decision.retryUntil.toISOString(),
        },
        'Revocation status unavailable: dispatch left accepted, verified again later',
      );
      throw new RevocationStatusPendingError(
        dispatch.id,
        decision.retryUntil,
        decision.rejection.message,
      );
    }
    const rejection = decision.kind === 'rejected' ? decision.rejection : null;
    const occurredAt = new Date().toISOString();
    const summary = files.map((file, i) => ({
      fileId: file.id,
      fileName: file.fileName,
      indication: reports[i].indication,
      signatures: reports[i].signatures.length,
    }));
    const announcement = outboxRowOf(
      rejection
        ? {
            destination: 'events',
            routingKey: MessageTypes.DispatchRejected,
            messageType: MessageTypes.DispatchRejected,
            correlationId: dispatch.correlationId,
            payload: {
              dispatchId: dispatch.id,
              senderCode: dispatch.senderCode,
              code: rejection.code,
              message: rejection.message,
              messageVi: rejection.messageVi,
              files: summary,
              occurredAt,
              actor: 'verifier',
            },
          }
        : {
            destination: 'events',
            routingKey: MessageTypes.DispatchVerified,
            messageType: MessageTypes.DispatchVerified,
            correlationId: dispatch.correlationId,
            priority: dispatch.priority,
            payload: {
              dispatchId: dispatch.id,
              senderCode: dispatch.senderCode,
              recipientCodes: dispatch.recipientCodes,
              files: summary,
              occurredAt,
              actor: 'verifier',
            },
          },
    );
    // Idempotent like runOnce: the processed mark, the verdict, the reports and the event are
    // one statement, so they commit together without an explicit transaction.
    const decided = await this.dispatches.recordVerdict({
      dispatchId: dispatch.id,
      verdict: rejection
        ? {
            state: 'rejected',
            rejectionCode: rejection.code,
            rejectionMessage: rejection.message,
            rejectionMessageVi: rejection.messageVi,
          }
        : { state: 'verified' },
      reports: files.map((file, i) => ({ fileId: file.id, report: reports[i] })),
      mark: { consumer: CONSUMER, messageId: command.messageId },
      announcement,
    });
    if (!decided) return; // a redelivery, or another delivery decided it first
    this.metrics.verificationOutcomes.inc({ outcome: rejection?.code ?? 'verified' });
    if (rejection) {
      this.metrics.dispatchesRejected.inc({ stage: 'verification', reason: rejection.code });
    }
    this.logger.log(
      { dispatchId: dispatch.id, outcome: rejection?.code ?? 'verified' },
      'Dispatch verified',
    );
    this.relay.nudge();
  }
}
