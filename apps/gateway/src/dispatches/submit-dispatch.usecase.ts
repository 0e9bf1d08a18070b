import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { type BlobBytes, byteLengthOf, leadingBytesOf } from '@docaxis/blob-store/blob-bytes';
import { BlobStore, type StoredBlob } from '@docaxis/blob-store/blob-store';
import { deliveryPriorityOf } from '@docaxis/edxml/document-metadata/urgency-levels';
import { ConfidentialDocumentRefusedError } from '@docaxis/edxml/envelope/confidential-document-refused.error';
import {
  type DispatchEnvelope,
  isSecret,
  validateDispatchEnvelope,
} from '@docaxis/edxml/envelope/dispatch-envelope';
import { ATTACHMENT_NAME_MAX_LENGTH } from '@docaxis/edxml/packet/edxml-packet.parser';
import type { ReceivedTraceEntry } from '@docaxis/edxml/packet/received-trace';
import { characterCount } from '@docaxis/edxml/text/safe-text';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { OutboxWriter, outboxRowOf } from '@docaxis/messaging/outbox/outbox-writer';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import { BusinessDocType } from '@docaxis/persistence/dispatch/dispatch-state';
import {
  type DispatchInsertOutcome,
  DispatchRepository,
} from '@docaxis/persistence/dispatch/dispatch.repository';
import type { AgencyStatus } from '@docaxis/persistence/agency/agency.entity';
import type { StaffInfo } from '@docaxis/persistence/dispatch/staff-info';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import {
  DuplicateNumberNotationError,
  EnvelopeMissingError,
  EnvelopeNotJsonError,
  FileNameTooLongError,
  FileNotPdfError,
  IdempotencyKeyInvalidError,
  IdempotencyKeyReusedError,
  NoFilesError,
  ReplacedDispatchUnknownError,
  ReplacementRecipientNotOriginalError,
  RecipientSuspendedError,
  SenderMismatchError,
  UmbrellaRecipientError,
  UnknownRecipientError,
} from './dispatch-submission.errors';

export interface UploadedPdf {
  originalName: string;
  contentType: string;
  /** Whole, or in the pieces a multipart part arrived in (stored as they are). */
  bytes: BlobBytes;
  /** What the sender's edXML packet says the file is (`Description`, "Văn bản chính"). */
  description?: string;
}

export interface SubmitDispatchCommand {
  agency: AuthenticatedAgency;
  envelopeField: string | undefined;
  files: readonly UploadedPdf[];
  idempotencyKey?: string;
  correlationId: string;
  /** The XML signature report of the edXML packet the dispatch came in. */
  envelopeSignature?: Record<string, unknown>;
  /** The TraceHeaders of that packet (checked and bounded by the edXML door), served back. */
  incomingTrace?: readonly ReceivedTraceEntry[];
  /** Its `Bussiness/StaffInfo`: the sender's clerk, served back. */
  senderStaff?: StaffInfo | null;
}

export interface SubmitDispatchResult {
  dispatchId: string;
  documentId: string;
  state: string;
  /** True when this answers a replayed request with the dispatch created the first time. */
  replayed: boolean;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

/**
 * Accepts a dispatch: validates the envelope and files, refuses what may not travel, stores the
 * PDFs once by content, and commits the dispatch together with its `dispatch.submitted` event
 * (transactional outbox). Answering "accepted" therefore always means durably accepted.
 */
@Injectable()
export class SubmitDispatchUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dispatches: DispatchRepository,
    private readonly agencies: AgencyRepository,
    private readonly blobs: BlobStore,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(submitted: SubmitDispatchCommand): Promise<SubmitDispatchResult> {
    // File names are counted and stored in NFC, as packet text is read (edXML): a name sent
    // decomposed (NFD, as some systems send Vietnamese) is the same name, of the same length.
    const command = { ...submitted, files: submitted.files.map(withNfcName) };
    const { agency } = command;
    if (command.idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(command.idempotencyKey)) {
      throw new IdempotencyKeyInvalidError();
    }
    const envelope = validateDispatchEnvelope(this.parseEnvelopeJson(command.envelopeField));
    if (isSecret(envelope)) {
      await this.recordRefusal(command, 'CONFIDENTIAL_DOCUMENT_REFUSED');
      throw new ConfidentialDocumentRefusedError(envelope.confidentiality);
    }
    if (envelope.from.organId !== agency.agencyCode) {
      throw new SenderMismatchError(envelope.from.organId, agency.agencyCode);
    }
    this.checkFiles(command.files);
    const recipientCodes = envelope.to.map((to) => to.organId);
    // The insert itself checks the recipients (one round trip); an update, whose original is
    // looked up first, has them checked before that, as every refusal used to come in this order.
    if (envelope.replaces) {
      await this.refuseInactiveRecipients(
        recipientCodes,
        await this.agencies.statusesOf(recipientCodes),
      );
    }

    // Bytes first: a crash after this leaves an unreferenced blob, never a dispatch without bytes.
    // The store hashes each file once, and its address is the digest the dispatch records.
    const stored = await Promise.all(command.files.map((file) => this.blobs.put(file.bytes)));
    try {
      return await this.record(command, envelope, stored);
    } catch (refusal) {
      // A refused submission leaves no bytes behind, or an agency could fill the disk with
      // refusals. Only blobs this request created go, and not if another put came since
      // (BlobStore.discard); a failed discard leaves what a crash would.
      await Promise.allSettled(stored.map((blob) => this.blobs.discard(blob)));
      throw refusal;
    }
  }

  /** Records the dispatch whose PDFs are stored (or answers a replay with the earlier one). */
  private async record(
    command: SubmitDispatchCommand,
    envelope: DispatchEnvelope,
    stored: readonly StoredBlob[],
  ): Promise<SubmitDispatchResult> {
    const { agency } = command;
    const recipientCodes = envelope.to.map((to) => to.organId);
    const fileDigests = stored.map((blob) => blob.sha256);
    const requestDigest = digestOfRequest(envelope, fileDigests);
    let replacesDispatchId: string | null = null;
    if (envelope.replaces) {
      const original = await this.dispatches.findLatestByDocumentId(
        agency.agencyCode,
        envelope.replaces.documentId,
      );
      if (!original) {
        // A replay is answered as the first time even if its original was rejected since.
        const replay = await this.replayOf(command, requestDigest);
        if (replay) return replay;
        throw new ReplacedDispatchUnknownError(envelope.replaces.documentId);
      }
      const originalRecipients = await this.dispatches.recipientCodesOfDocument(
        agency.agencyCode,
        envelope.replaces.documentId,
      );
      const others = recipientCodes.filter((code) => !originalRecipients.has(code));
      if (others.length) {
        throw new ReplacementRecipientNotOriginalError(envelope.replaces.documentId, others);
      }
      replacesDispatchId = original.id;
    }

    const dispatchId = uuidv7();
    let outcome: DispatchInsertOutcome;
    try {
      // One statement, so atomic on its own: the dispatch commits with its announcement
      // (transactional outbox), only if every recipient is active, and the idempotency check
      // is its ON CONFLICT DO NOTHING.
      outcome = await this.dispatches.insert({
        dispatch: {
          id: dispatchId,
          senderCode: agency.agencyCode,
          idempotencyKey: command.idempotencyKey ?? null,
          requestDigest,
          documentId: envelope.documentId,
          codeNumber: envelope.code.codeNumber,
          codeNotation: envelope.code.codeNotation,
          promulgationYear: Number(envelope.promulgationInfo.promulgationDate.slice(0, 4)),
          subject: envelope.subject,
          urgency: envelope.urgency,
          priority: deliveryPriorityOf(envelope.urgency),
          dueDate: envelope.dueDate ?? null,
          envelope: envelope as unknown as Record<string, unknown>,
          state: 'accepted',
          // An update carries BussinessDocType 3 (replace) and may reuse the number.
          businessType: replacesDispatchId ? BusinessDocType.Replace : BusinessDocType.New,
          replacesDispatchId,
          rejectionCode: null,
          rejectionMessage: null,
          correlationId: command.correlationId,
          verifiedAt: null,
          envelopeSignature: command.envelopeSignature ?? null,
          incomingTrace: command.incomingTrace ? [...command.incomingTrace] : null,
          senderStaff: command.senderStaff ?? null,
        },
        files: command.files.map((file, ordinal) => ({
          id: uuidv7(),
          dispatchId,
          ordinal,
          fileName: file.originalName,
          contentType: 'application/pdf',
          sizeBytes: byteLengthOf(file.bytes),
          sha256: fileDigests[ordinal],
          verification: null,
          description: file.description ?? null,
        })),
        recipientCodes,
        announcement: outboxRowOf({
          destination: 'events',
          routingKey: MessageTypes.DispatchSubmitted,
          messageType: MessageTypes.DispatchSubmitted,
          correlationId: command.correlationId,
          priority: deliveryPriorityOf(envelope.urgency),
          payload: {
            dispatchId,
            senderCode: agency.agencyCode,
            recipientCodes,
            fileCount: command.files.length,
            documentId: envelope.documentId,
            ...(replacesDispatchId ? { replacesDispatchId } : {}),
            occurredAt: new Date().toISOString(),
            actor: agency.certificateSubject,
          },
        }),
      });
    } catch (error) {
      throw this.conflictError(error, envelope);
    }
    if (!outcome.inserted) {
      await this.refuseInactiveRecipients(recipientCodes, outcome.recipientStatuses);
      const replay = await this.replayOf(command, requestDigest);
      // Every recipient was active, so the key was taken; dispatches are never deleted.
      if (!replay) throw new Error('the dispatch holding this idempotency key vanished');
      return replay;
    }
    this.relay.nudge();
    return { dispatchId, documentId: envelope.documentId, state: 'accepted', replayed: false };
  }

  private parseEnvelopeJson(field: string | undefined): unknown {
    if (field === undefined || field.trim() === '') throw new EnvelopeMissingError();
    try {
      return JSON.parse(field) as unknown;
    } catch (error) {
      throw new EnvelopeNotJsonError({ en: (error as Error).message, vi: 'sai cú pháp JSON' });
    }
  }

  private checkFiles(files: readonly UploadedPdf[]): void {
    if (files.length === 0) throw new NoFilesError();
    for (const file of files) {
      if (!leadingBytesOf(file.bytes, 1024).includes('%PDF-'))
        throw new FileNotPdfError(file.originalName);
      // Every dispatch is also served as an edXML packet, whose AttachmentName is the file name.
      if (characterCount(file.originalName) > ATTACHMENT_NAME_MAX_LENGTH) {
        throw new FileNameTooLongError(file.originalName, ATTACHMENT_NAME_MAX_LENGTH);
      }
    }
  }

  private async refuseInactiveRecipients(
    codes: readonly string[],
    known: ReadonlyMap<string, AgencyStatus>,
  ): Promise<void> {
    const unknown = codes.filter((code) => !known.has(code));
    if (unknown.length) {
      // An unregistered umbrella is not fanned out to the units below it: recipients (nơi nhận)
      // are listed one by one (NĐ 30/2020), so the sender is told whom to address instead.
      for (const code of unknown) {
        const below = await this.agencies.listActiveBelow(code);
        if (below.length) throw new UmbrellaRecipientError(code, below);
      }
      throw new UnknownRecipientError(unknown);
    }
    const suspended = codes.filter((code) => known.get(code) !== 'active');
    if (suspended.length) throw new RecipientSuspendedError(suspended);
  }

  /** The answer to a replayed request; throws when the key was used for other content. */
  private async replayOf(
    command: SubmitDispatchCommand,
    requestDigest: string,
  ): Promise<SubmitDispatchResult | undefined> {
    if (!command.idempotencyKey) return undefined;
    const existing = await this.dispatches.findByIdempotencyKey(
      command.agency.agencyCode,
      command.idempotencyKey,
    );
    if (!existing) return undefined;
    if (existing.requestDigest !== requestDigest) throw new IdempotencyKeyReusedError(existing.id);
    return {
      dispatchId: existing.id,
      documentId: existing.documentId,
      state: existing.state,
      replayed: true,
    };
  }

  /** A taken number is the database telling us about a duplicate, in our terms. */
  private conflictError(error: unknown, envelope: DispatchEnvelope): unknown {
    const constraint = (error as { driverError?: { constraint?: string } }).driverError?.constraint;
    if (error instanceof QueryFailedError && constraint === 'uq_dispatches_number') {
      return new DuplicateNumberNotationError(
        `${envelope.code.codeNumber}/${envelope.code.codeNotation}`,
      );
    }
    return error;
  }

  /** A refusal at the door leaves a trace in the audit trail, and nothing of the document. */
  private async recordRefusal(command: SubmitDispatchCommand, code: string): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.outbox.enqueue(manager, {
        destination: 'events',
        routingKey: MessageTypes.DispatchRefused,
        messageType: MessageTypes.DispatchRefused,
        correlationId: command.correlationId,
        payload: {
          senderCode: command.agency.agencyCode,
          code,
          reason: 'Secret documents (Mật, Tối mật, Tuyệt mật) never travel on the axis',
          occurredAt: new Date().toISOString(),
          actor: command.agency.certificateSubject,
        },
      }),
    );
    this.relay.nudge();
  }
}

function withNfcName(file: UploadedPdf): UploadedPdf {
  return { ...file, originalName: file.originalName.normalize('NFC') };
}

function digestOfRequest(envelope: DispatchEnvelope, fileDigests: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify(envelope))
    .update('\n')
    .update(fileDigests.join(','))
    .digest('hex');
}
