import { Injectable, Logger } from '@nestjs/common';
import { BlobNotFoundError } from '@docaxis/blob-store/blob-not-found.error';
import { BlobStore } from '@docaxis/blob-store/blob-store';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { outboxRowOf } from '@docaxis/messaging/outbox/outbox-writer';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import {
  DispatchVerificationRepository,
  type DispatchToVerify,
} from '@docaxis/persistence/dispatch/dispatch-verification.repository';
import type { DocumentVerificationReport } from '@docaxis/signature/report/document-verification-report';
import { PdfVerifier } from '@docaxis/signature/verification/pdf-verifier';
import { DispatchRejectionCode } from './dispatch-rejection';
import { rejectionOf } from './dispatch-rejection-wording.registry';
import { judgeDispatchSignatures } from './dispatch-signature-policy';
import { RevocationRetryPolicy, type VerificationDecision } from './revocation-retry-policy';
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
    const outcome = await this.verifyFiles(files);
    const decision = this.decide(dispatch, outcome);
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
    // Only the files verified: a missing one has no report (the rejection names it).
    const verified = files.flatMap((file, i) => {
      const report = outcome.reports[i];
      return report ? [{ file, report }] : [];
    });
    const summary = verified.map(({ file, report }) => ({
      fileId: file.id,
      fileName: file.fileName,
      indication: report.indication,
      signatures: report.signatures.length,
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
      reports: verified.map(({ file, report }) => ({ fileId: file.id, report })),
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

  /** A missing file refuses the dispatch; otherwise its signatures decide (or say: retry later). */
  private decide(dispatch: DispatchToVerify, outcome: VerifiedFiles): VerificationDecision {
    if (!outcome.missing) {
      return this.revocationRetry.decide(
        judgeDispatchSignatures(
          dispatch.senderCode,
          dispatch.files.map((file, i) => ({
            fileName: file.fileName,
            report: outcome.reports[i],
          })),
        ),
        new Date(dispatch.acceptedAt),
      );
    }
    const { missing } = outcome;
    // The bytes were stored when the dispatch was accepted: losing them is the store's incident.
    this.logger.error(
      { dispatchId: dispatch.id, fileId: missing.id, sha256: missing.sha256 },
      'A stored file of an accepted dispatch is missing from the blob store: dispatch refused',
    );
    return {
      kind: 'rejected',
      rejection: rejectionOf(DispatchRejectionCode.FileMissing, {
        fileName: missing.fileName,
        senderCode: dispatch.senderCode,
      }),
    };
  }

  /**
   * Every file's report, in file order, all files at once: the reads overlap, and with worker
   * threads so do the verifications. A file the blob store definitely lacks (BlobNotFoundError)
   * can never be verified, so it decides the dispatch (the first such file, in file order),
   * whatever else failed; any other failure (an I/O error, the store unreadable) is thrown, for
   * the consumer host to retry.
   */
  private async verifyFiles(files: DispatchToVerify['files']): Promise<VerifiedFiles> {
    const outcomes = await Promise.allSettled(
      files.map(async (file) => this.verifier.verify(await this.blobs.get(file.sha256))),
    );
    const missing = files.find((_, i) => {
      const outcome = outcomes[i];
      return outcome.status === 'rejected' && outcome.reason instanceof BlobNotFoundError;
    });
    const reports = outcomes.map((outcome) =>
      outcome.status === 'fulfilled' ? outcome.value : undefined,
    );
    if (missing) return { missing, reports };
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    return { reports: reports.filter((report) => report !== undefined) };
  }
}

/** The reports of a dispatch's files, by file in file order. */
type VerifiedFiles =
  | { missing?: undefined; reports: DocumentVerificationReport[] }
  | {
      /** The first file definitely missing from the blob store. */
      missing: DispatchToVerify['files'][number];
      /** Undefined for a file not verified. */
      reports: (DocumentVerificationReport | undefined)[];
    };
