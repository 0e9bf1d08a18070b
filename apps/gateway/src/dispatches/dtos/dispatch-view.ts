import type { DispatchEntity } from '@docaxis/persistence/dispatch/dispatch.entity';
import type { DispatchRecipientEntity } from '@docaxis/persistence/dispatch/dispatch-recipient.entity';
import type { StatusNoticeEntity } from '@docaxis/persistence/status-notice/status-notice.entity';
import type { ReportLanguage } from '@docaxis/signature/report/wording/report-wording';
import {
  type StatusNoticeView,
  toStatusNoticeView,
} from '../../status-notices/dtos/status-notice-view';

/** A dispatch as the API shows it to one of its parties. */
export interface DispatchView {
  id: string;
  documentId: string;
  senderCode: string;
  state: string;
  /** Why the verifier refused it; `message` in the language the caller asked for. */
  rejection: { code: string; message: string } | null;
  envelope: Record<string, unknown>;
  createdAt: string;
  verifiedAt: string | null;
  /** The XML signature of the edXML packet it was submitted as (null for JSON submissions). */
  envelopeSignature: Record<string, unknown> | null;
  files: {
    id: string;
    ordinal: number;
    fileName: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    verification: Record<string, unknown> | null;
  }[];
  recipients: RecipientView[];
  /** Set once the sender recalled it (thu hồi). */
  recall: { recalledAt: string; reason: string } | null;
  /** Status notices about it, oldest first: all of them for the sender, a recipient's own for it. */
  notices: StatusNoticeView[];
  /** The earlier dispatch this one replaces (an update), null for a new document. */
  replaces: DispatchLinkView | null;
  /** Later dispatches that replace this one, oldest first (those the caller is a party to). */
  replacedBy: DispatchLinkView[];
}

/** A link between a dispatch and its replacement (văn bản thay thế). */
export interface DispatchLinkView {
  dispatchId: string;
  documentId: string;
  /** Why it was replaced (edXML BussinessDocReason), when the replacement says. */
  reason: string | null;
}

/** Both directions of the replacement chain, as far as the caller may see it. */
export interface DispatchLinks {
  replaces: DispatchLinkView | null;
  replacedBy: DispatchLinkView[];
}

/** What a replacement says about the dispatch it replaces. */
export function replacementOf(dispatch: DispatchEntity): DispatchLinkView | null {
  if (!dispatch.replacesDispatchId) return null;
  const replaces = dispatch.envelope.replaces as
    { documentId: string; reason?: string } | undefined;
  return {
    dispatchId: dispatch.replacesDispatchId,
    documentId: replaces?.documentId ?? '',
    reason: replaces?.reason ?? null,
  };
}

/** A replacement as seen from the dispatch it replaces. */
export function replacedByLink(replacement: DispatchEntity): DispatchLinkView {
  return {
    dispatchId: replacement.id,
    documentId: replacement.documentId,
    reason: replacementOf(replacement)?.reason ?? null,
  };
}

/**
 * One recipient's copy. `state` and the `…At` times are the axis' own delivery steps; `statusCode`
 * and `recallState` come from the agencies' status notices (history in `notices`).
 */
export interface RecipientView {
  agencyCode: string;
  state: string;
  /** Last processing status the recipient reported (01–06), null before the first. */
  statusCode: string | null;
  statusAt: string | null;
  /** requested (13 sent), accepted (15) or refused (16); null when not recalled after fetching. */
  recallState: string | null;
  recalledAt: string | null;
  queuedAt: string | null;
  deliveredAt: string | null;
  fetchedAt: string | null;
  acknowledgedAt: string | null;
}

export function toRecipientView(recipient: DispatchRecipientEntity): RecipientView {
  return {
    agencyCode: recipient.recipientCode,
    state: recipient.state,
    statusCode: recipient.statusCode,
    statusAt: recipient.statusAt?.toISOString() ?? null,
    recallState: recipient.recallState,
    recalledAt: recipient.recalledAt?.toISOString() ?? null,
    queuedAt: recipient.queuedAt?.toISOString() ?? null,
    deliveredAt: recipient.deliveredAt?.toISOString() ?? null,
    fetchedAt: recipient.fetchedAt?.toISOString() ?? null,
    acknowledgedAt: recipient.acknowledgedAt?.toISOString() ?? null,
  };
}

/**
 * The verifier's reason in `language`. A dispatch rejected before the Vietnamese words were
 * recorded has only the English ones, served in either language.
 */
export function rejectionMessageIn(dispatch: DispatchEntity, language: ReportLanguage): string {
  const english = dispatch.rejectionMessage ?? '';
  return language === 'vi' ? (dispatch.rejectionMessageVi ?? english) : english;
}

export function toDispatchView(
  dispatch: DispatchEntity,
  visibleRecipients: DispatchRecipientEntity[],
  visibleNotices: StatusNoticeEntity[],
  links: DispatchLinks,
  language: ReportLanguage,
): DispatchView {
  return {
    id: dispatch.id,
    documentId: dispatch.documentId,
    senderCode: dispatch.senderCode,
    state: dispatch.state,
    rejection:
      dispatch.rejectionCode !== null
        ? { code: dispatch.rejectionCode, message: rejectionMessageIn(dispatch, language) }
        : null,
    envelope: dispatch.envelope,
    createdAt: dispatch.createdAt.toISOString(),
    verifiedAt: dispatch.verifiedAt?.toISOString() ?? null,
    envelopeSignature: dispatch.envelopeSignature,
    files: (dispatch.files ?? []).map((file) => ({
      id: file.id,
      ordinal: file.ordinal,
      fileName: file.fileName,
      contentType: file.contentType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
      verification: file.verification,
    })),
    recipients: visibleRecipients.map(toRecipientView),
    recall:
      dispatch.recalledAt !== null
        ? { recalledAt: dispatch.recalledAt.toISOString(), reason: dispatch.recallReason ?? '' }
        : null,
    notices: visibleNotices.map(toStatusNoticeView),
    replaces: links.replaces,
    replacedBy: links.replacedBy,
  };
}
