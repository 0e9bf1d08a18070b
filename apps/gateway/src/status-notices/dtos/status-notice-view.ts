import {
  edxmlStatusDefinition,
  type EdxmlStatusCode,
} from '@docaxis/edxml/packet/edxml-status-codes';
import type {
  StaffInfo,
  StatusNoticeEntity,
} from '@docaxis/persistence/status-notice/status-notice.entity';

/** A status notice as the API shows it (history on GET /dispatches/:id, answer to POST). */
export interface StatusNoticeView {
  /** The axis' id of the notice. */
  id: string;
  /** The author's own id (idempotency). */
  noticeId: string;
  dispatchId: string;
  recipientCode: string;
  authorCode: string;
  addresseeCode: string;
  code: string;
  /** Vietnamese name of the code, e.g. "Đã tiếp nhận". */
  name: string;
  reason: string | null;
  staff: StaffInfo | null;
  /** When the author says it happened. */
  timestamp: string;
  recordedAt: string;
  /** When the axis put it into the addressee's inbox; null while on its way. */
  deliveredAt: string | null;
  /**
   * Set when an operator discarded the notice's parked message: it never reaches the inbox, and
   * the notices after it were released without it. With the operator's reason.
   */
  skipped: { at: string; reason: string | null } | null;
  /**
   * For a notice posted as an edXML status packet: its XML signature report (unsigned, or signed
   * with the ETSI indication, signer and `signedByAuthor`), as a dispatch's. Null for JSON.
   */
  envelopeSignature: Record<string, unknown> | null;
}

export function toStatusNoticeView(
  notice: Omit<StatusNoticeEntity, 'readyAt' | 'correlationId' | 'incomingTrace'>,
): StatusNoticeView {
  return {
    id: notice.id,
    noticeId: notice.noticeId,
    dispatchId: notice.dispatchId,
    recipientCode: notice.recipientCode,
    authorCode: notice.authorCode,
    addresseeCode: notice.addresseeCode,
    code: notice.statusCode,
    name: edxmlStatusDefinition(notice.statusCode as EdxmlStatusCode).vietnameseName,
    reason: notice.reason,
    staff: notice.staff,
    timestamp: notice.noticedAt.toISOString(),
    recordedAt: notice.recordedAt.toISOString(),
    deliveredAt: notice.deliveredAt?.toISOString() ?? null,
    skipped: notice.skippedAt
      ? { at: notice.skippedAt.toISOString(), reason: notice.skipReason }
      : null,
    // Rows recorded before the column existed, read by entity loading, have it undefined.
    envelopeSignature: notice.envelopeSignature ?? null,
  };
}
