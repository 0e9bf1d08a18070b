import { Injectable } from '@nestjs/common';
import type { DispatchEnvelope } from '@docaxis/edxml/envelope/dispatch-envelope';
import { buildEdxmlStatus } from '@docaxis/edxml/packet/edxml-packet.builder';
import { normalizeEdxmlStatusCode } from '@docaxis/edxml/packet/edxml-status-codes';
import { noticeToEdxmlStatus } from '@docaxis/edxml/packet/edxml-status.mapping';
import { EdxmlSigner } from '@docaxis/edxml/signature/edxml-signer';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import { StatusNoticeRepository } from '@docaxis/persistence/status-notice/status-notice.repository';
import { isUuid } from '@docaxis/persistence/database/uuid';
import { DispatchAccessService } from '../dispatches/dispatch-access.service';
import { axisStatusTraceHeaderList } from '../edxml/axis-trace-header';
import { StatusNoticeNotFoundError } from './edxml-status.errors';

/**
 * One status notice as the standard's status packet, signed by the axis (it is the axis that
 * emits it; the author's own signature, if its packet had one, is not kept), with the trace it
 * arrived with plus the axis' entry, as a served dispatch has. Readable by the notice's author and its addressee only.
 */
@Injectable()
export class ReadStatusPacketUseCase {
  constructor(
    private readonly access: DispatchAccessService,
    private readonly notices: StatusNoticeRepository,
    private readonly agencies: AgencyRepository,
    private readonly signer: EdxmlSigner,
  ) {}

  async execute(
    dispatchId: string,
    noticeId: string,
    agencyCode: string,
    now = new Date(),
  ): Promise<string> {
    const { dispatch } = await this.access.partyOf(dispatchId, agencyCode);
    const notice = isUuid(noticeId) ? await this.notices.findById(noticeId) : null;
    if (
      !notice ||
      notice.dispatchId !== dispatch.id ||
      (notice.authorCode !== agencyCode && notice.addresseeCode !== agencyCode)
    ) {
      throw new StatusNoticeNotFoundError(noticeId);
    }
    const author = await this.agencies.findByCode(notice.authorCode);
    const envelope = dispatch.envelope as unknown as DispatchEnvelope;
    const status = noticeToEdxmlStatus(
      { organId: notice.authorCode, ...(author ? { organName: author.name } : {}) },
      {
        senderCode: dispatch.senderCode,
        documentId: dispatch.documentId,
        codeNumber: dispatch.codeNumber,
        codeNotation: dispatch.codeNotation,
        promulgationDate: envelope.promulgationInfo.promulgationDate,
      },
      {
        // Stored codes are the standard's own (14 already written as 15).
        code: normalizeEdxmlStatusCode(notice.statusCode)!,
        reason: notice.reason,
        staff: notice.staff,
        timestamp: notice.noticedAt,
      },
    );
    const trace = axisStatusTraceHeaderList(notice, now);
    return this.signer.sign(buildEdxmlStatus({ ...status, traceHeaderList: trace }));
  }
}
