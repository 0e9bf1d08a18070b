import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BlobStore } from '@docaxis/blob-store/blob-store';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import { DispatchVerificationRepository } from '@docaxis/persistence/dispatch/dispatch-verification.repository';
import { PdfVerifier } from '@docaxis/signature/verification/pdf-verifier';
import { judgeDispatchSignatures } from './dispatch-signature-policy';

export interface VerifyDispatchCommand {
  messageId: string;
  dispatchId: string;
}

const CONSUMER = 'verifier.verify-dispatch';

/**
 * Verifies every signature of every PDF of a submitted dispatch, stores the reports, and moves
 * the dispatch to verified or rejected with the event that says so. The CPU-heavy verification
 * runs outside the transaction; the decision commits atomically with its event.
 */
@Injectable()
export class VerifyDispatchUseCase {
  private readonly logger = new Logger(VerifyDispatchUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly dispatches: DispatchVerificationRepository,
    private readonly blobs: BlobStore,
    private readonly verifier: PdfVerifier,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    private readonly metrics: AxisMetrics,
  ) {}

  async execute(command: VerifyDispatchCommand): Promise<void> {
    const dispatch = await this.dispatches.findToVerify(command.dispatchId);
    if (!dispatch || dispatch.state !== 'accepted') return; // unknown or already decided: nothing to do
    const { files } = dispatch;
    // All files at once: the reads overlap, and with worker threads so do the verifications.
    const reports = await Promise.all(
      files.map(async (file) => this.verifier.verify(await this.blobs.get(file.sha256))),
    );
    const rejection = judgeDispatchSignatures(
      dispatch.senderCode,
      files.map((file, i) => ({ fileName: file.fileName, report: reports[i] })),
    );
    // Idempotent like runOnce, with the processed mark written by recordVerdict's own statement.
    const decided = await this.dataSource.transaction(async (manager) => {
      const recorded = await this.dispatches.recordVerdict(
        manager,
        dispatch.id,
        rejection
          ? {
              state: 'rejected',
              rejectionCode: rejection.code,
              rejectionMessage: rejection.message,
            }
          : { state: 'verified' },
        files.map((file, i) => ({ fileId: file.id, report: reports[i] })),
        { consumer: CONSUMER, messageId: command.messageId },
      );
      if (!recorded) return false;
      const occurredAt = new Date().toISOString();
      const summary = files.map((file, i) => ({
        fileId: file.id,
        fileName: file.fileName,
        indication: reports[i].indication,
        signatures: reports[i].signatures.length,
      }));
      if (rejection) {
        await this.outbox.enqueue(manager, {
          destination: 'events',
          routingKey: MessageTypes.DispatchRejected,
          messageType: MessageTypes.DispatchRejected,
          correlationId: dispatch.correlationId,
          payload: {
            dispatchId: dispatch.id,
            senderCode: dispatch.senderCode,
            code: rejection.code,
            message: rejection.message,
            files: summary,
            occurredAt,
            actor: 'verifier',
          },
        });
      } else {
        await this.outbox.enqueue(manager, {
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
        });
      }
      return true;
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
