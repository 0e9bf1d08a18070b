import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { BlobStore } from '@docaxis/blob-store/blob-store';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { outboxRowOf } from '@docaxis/messaging/outbox/outbox-writer';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import { isUuid } from '@docaxis/persistence/database/uuid';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { partyRoleOf } from './dispatch-access.service';
import { DispatchNotFoundError, FileNotFoundInDispatchError } from './dispatch-submission.errors';

export interface FileDownload {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  stream: Readable;
}

/**
 * Streams one PDF of a dispatch to one of its parties. A recipient's first download moves its
 * delivery to "fetched" and records a `dispatch.fetched` event, in one statement. The access
 * check and the file are one query, not the whole dispatch: every recipient downloads every file.
 */
@Injectable()
export class DownloadDispatchFileUseCase {
  constructor(
    private readonly dispatches: DispatchRepository,
    private readonly blobs: BlobStore,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(
    dispatchId: string,
    fileId: string,
    agency: AuthenticatedAgency,
    correlationId: string,
  ): Promise<FileDownload> {
    if (!isUuid(dispatchId)) throw new DispatchNotFoundError(dispatchId);
    // File ids are UUIDs too: anything else names no file.
    const access = await this.dispatches.findFileAccess(
      dispatchId,
      isUuid(fileId) ? fileId : null,
      agency.agencyCode,
    );
    const role = access && partyRoleOf(access.senderCode, access.recipientState, agency.agencyCode);
    if (!access || !role) throw new DispatchNotFoundError(dispatchId);
    const { file } = access;
    if (!file) throw new FileNotFoundInDispatchError(dispatchId, fileId);
    const stream = await this.blobs.openReadStream(file.sha256);
    if (role === 'recipient' && access.recipientState === 'delivered') {
      const moved = await this.dispatches.markFetched(
        dispatchId,
        agency.agencyCode,
        outboxRowOf({
          destination: 'events',
          routingKey: MessageTypes.DispatchFetched,
          messageType: MessageTypes.DispatchFetched,
          correlationId,
          payload: {
            dispatchId,
            senderCode: access.senderCode,
            recipientCode: agency.agencyCode,
            fileId: file.id,
            occurredAt: new Date().toISOString(),
            actor: agency.certificateSubject,
          },
        }),
      );
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
