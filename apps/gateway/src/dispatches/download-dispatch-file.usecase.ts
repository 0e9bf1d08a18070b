import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { BlobStore } from '@docaxis/blob-store/blob-store';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { DispatchAccessService } from './dispatch-access.service';
import { FileNotFoundInDispatchError } from './dispatch-submission.errors';

export interface FileDownload {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  stream: Readable;
}

/**
 * Streams one PDF of a dispatch. A recipient's first download moves its delivery to "fetched"
 * and records a `dispatch.fetched` event, in one transaction.
 */
@Injectable()
export class DownloadDispatchFileUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: DispatchAccessService,
    private readonly dispatches: DispatchRepository,
    private readonly blobs: BlobStore,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(
    dispatchId: string,
    fileId: string,
    agency: AuthenticatedAgency,
    correlationId: string,
  ): Promise<FileDownload> {
    const party = await this.access.partyOf(dispatchId, agency.agencyCode);
    const file = party.dispatch.files?.find((f) => f.id === fileId);
    if (!file) throw new FileNotFoundInDispatchError(dispatchId, fileId);
    const stream = await this.blobs.openReadStream(file.sha256);
    if (party.role === 'recipient' && party.recipient.state === 'delivered') {
      const moved = await this.dataSource.transaction(async (manager) => {
        const codes = await this.dispatches.advanceRecipients(
          manager,
          dispatchId,
          [agency.agencyCode],
          'delivered',
          'fetched',
        );
        if (codes.length === 0) return false; // a concurrent download got there first
        await this.outbox.enqueue(manager, {
          destination: 'events',
          routingKey: MessageTypes.DispatchFetched,
          messageType: MessageTypes.DispatchFetched,
          correlationId,
          payload: {
            dispatchId,
            senderCode: party.dispatch.senderCode,
            recipientCode: agency.agencyCode,
            fileId,
            occurredAt: new Date().toISOString(),
            actor: agency.certificateSubject,
          },
        });
        return true;
      });
      if (moved) this.relay.nudge();
    }
    return {
      fileName: file.fileName,
      contentType: file.contentType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
      stream,
    };
  }
}
