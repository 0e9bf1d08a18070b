import { Injectable } from '@nestjs/common';
import { BlobStore } from '@docaxis/blob-store/blob-store';
import type { DispatchEnvelope } from '@docaxis/edxml/envelope/dispatch-envelope';
import { envelopeToEdxml } from '@docaxis/edxml/packet/edxml-envelope.mapping';
import { signServedPacket } from '@docaxis/edxml/signature/axis-trace-signature';
import { EdxmlSigner } from '@docaxis/edxml/signature/edxml-signer';
import { DispatchAccessService } from '../dispatches/dispatch-access.service';
import { axisTraceHeaderList } from './axis-trace-header';

/**
 * A dispatch as an edXML packet for one of its parties: the stored envelope, every PDF embedded
 * in base64 from the blob store (byte for byte as signed) with its Description, and the trace it
 * arrived with plus the axis' entry; the axis signs its
 * trace entry and the message header (not the attachments: see signServedPacket). Who may read it is
 * decided as for the JSON view. Reading the packet does not move a recipient to "fetched"; the
 * file download does.
 */
@Injectable()
export class ReadDispatchEdxmlUseCase {
  constructor(
    private readonly access: DispatchAccessService,
    private readonly blobs: BlobStore,
    private readonly signer: EdxmlSigner,
  ) {}

  async execute(dispatchId: string, agencyCode: string, now = new Date()): Promise<string> {
    const { dispatch } = await this.access.partyOf(dispatchId, agencyCode);
    // Stored only after validateDispatchEnvelope accepted it.
    const envelope = dispatch.envelope as unknown as DispatchEnvelope;
    const files = [...(dispatch.files ?? [])].sort((a, b) => a.ordinal - b.ordinal);
    const attachments = await Promise.all(
      files.map(async (file) => ({
        attachmentName: file.fileName,
        ...(file.description === null ? {} : { description: file.description }),
        contentType: file.contentType,
        content: await this.blobs.get(file.sha256),
      })),
    );
    const trace = axisTraceHeaderList(envelope, dispatch, dispatch.createdAt, now);
    return signServedPacket(this.signer, envelopeToEdxml(envelope, attachments, trace));
  }
}
