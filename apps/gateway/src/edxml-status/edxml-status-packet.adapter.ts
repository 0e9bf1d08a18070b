import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { parseEdxmlStatus } from '@docaxis/edxml/packet/edxml-packet.parser';
import { edxmlStatusToNotice } from '@docaxis/edxml/packet/edxml-status.mapping';
import { type ReceivedTraceEntry, receivedTraceOf } from '@docaxis/edxml/packet/received-trace';
import type { StaffFields } from '@docaxis/edxml/packet/staff-fields';
import { EdxmlSignatureVerifier } from '@docaxis/edxml/signature/edxml-signature-verifier';
import { DispatchAccessService } from '../dispatches/dispatch-access.service';
import {
  EdxmlStatusAuthorMismatchError,
  EdxmlStatusDispatchMismatchError,
} from './edxml-status.errors';
import { type StatusPacketSignature, statusPacketSignatureOf } from './status-packet-signature';

/** The JSON body of `POST /dispatches/:id/status` that a status packet stands for. */
export interface StatusNoticeBody {
  noticeId: string;
  code: string;
  reason: string | null;
  staff: StaffFields | null;
  timestamp: string;
  /** The packet's TraceHeaderList, when it has one: served back before the axis' own entry. */
  trace?: ReceivedTraceEntry[];
}

/** A status packet read: the notice it stands for and its XML signature's report. */
export interface ReadStatusPacket {
  body: StatusNoticeBody;
  signature: StatusPacketSignature;
}

/**
 * A status packet (edXML `Status`) in the JSON notice's terms, so one use case and one state
 * machine judge both. The packet must come from the calling agency and answer this dispatch.
 * Its notice id is derived from what it says, so posting the same packet again is a replay.
 * Its XML signature is verified over the bytes as received, as a dispatch packet's, and reported
 * with the notice rather than judged (a failed or foreign signature does not refuse it).
 */
@Injectable()
export class EdxmlStatusPacketAdapter {
  constructor(
    private readonly access: DispatchAccessService,
    private readonly signatures: EdxmlSignatureVerifier,
  ) {}

  async read(
    dispatchId: string,
    agencyCode: string,
    packet: Buffer,
    maxBytes: number,
  ): Promise<ReadStatusPacket> {
    // A status packet carries no attachment: its whole size is its markup.
    const status = parseEdxmlStatus(packet, { maxBytes, maxMarkupBytes: maxBytes });
    if (status.from.organId !== agencyCode) {
      throw new EdxmlStatusAuthorMismatchError(status.from.organId, agencyCode);
    }
    const { dispatch } = await this.access.partyOf(dispatchId, agencyCode);
    if (status.responseFor.documentId !== dispatch.documentId) {
      throw new EdxmlStatusDispatchMismatchError(
        status.responseFor.documentId,
        dispatch.documentId,
      );
    }
    const notice = edxmlStatusToNotice(status);
    const trace = receivedTraceOf(status.traceHeaderList);
    const digest = createHash('sha256')
      .update(JSON.stringify([dispatchId, status.statusCode, status.timestamp]))
      .digest('hex');
    const report = await this.signatures.verify(packet);
    return {
      body: {
        noticeId: `edxml-${digest.slice(0, 40)}`,
        code: notice.code,
        reason: notice.reason,
        staff: notice.staff,
        timestamp: notice.timestamp.toISOString(),
        ...(trace ? { trace } : {}),
      },
      signature: statusPacketSignatureOf(report, agencyCode),
    };
  }
}
