import { apiFetch, apiJson } from './api-client';
import type { DocumentVerificationReport } from './verification-report';
import type { PacketSignatureReportBrief } from '../../../../libs/edxml/src/signature/packet-signature-verdict';

// The shapes of the public dispatch, inbox and status-notice routes, as the gateway answers them.

export interface StatusNotice {
  id: string;
  noticeId: string;
  dispatchId: string;
  recipientCode: string;
  authorCode: string;
  addresseeCode: string;
  code: string;
  name: string;
  reason: string | null;
  timestamp: string;
  recordedAt: string;
  deliveredAt: string | null;
  /** A notice posted as an edXML status packet: its XML signature (absent from older gateways). */
  envelopeSignature?: PacketSignatureReportBrief | null;
}

export interface DispatchInboxItem {
  kind: 'dispatch';
  dispatchId: string;
  documentId: string;
  senderCode: string;
  subject: string;
  urgency: string;
  dueDate: string | null;
  state: string;
  deliveredAt: string | null;
}

export interface StatusInboxItem {
  kind: 'status';
  dispatchId: string;
  documentId: string;
  deliveredAt: string | null;
  notice: StatusNotice;
}

/** Before status notices existed the inbox listed dispatches only, without `kind`. */
export type InboxItem = DispatchInboxItem | StatusInboxItem;

export interface RecipientState {
  agencyCode: string;
  state: string;
  statusCode?: string | null;
  statusAt?: string | null;
  recallState?: string | null;
  deliveredAt: string | null;
  fetchedAt: string | null;
  acknowledgedAt: string | null;
}

export interface DispatchFile {
  id: string;
  ordinal: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  verification: DocumentVerificationReport | null;
}

export interface DispatchView {
  id: string;
  documentId: string;
  senderCode: string;
  state: string;
  envelope: {
    subject?: string;
    code?: { codeNumber?: string; codeNotation?: string };
    urgency?: string;
    dueDate?: string;
    from?: { organName?: string };
    promulgationInfo?: { place?: string; promulgationDate?: string };
  };
  createdAt: string;
  files: DispatchFile[];
  recipients: RecipientState[];
  recall?: { recalledAt: string; reason: string } | null;
  /** Why the verifier refused it (`state: 'rejected'`), in the page's language. */
  rejection?: { code: string; message: string } | null;
  notices?: StatusNotice[];
}

/** The whole inbox, oldest first, following the cursor up to `max` items. */
export async function fetchInbox(max = 1000): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  let cursor: string | null = null;
  for (;;) {
    const query: string = cursor ? `?limit=200&cursor=${encodeURIComponent(cursor)}` : '?limit=200';
    const page = await apiJson<{
      items: (InboxItem | Omit<DispatchInboxItem, 'kind'>)[];
      nextCursor: string | null;
    }>(`/inbox${query}`);
    items.push(
      ...page.items.map((item) => ('kind' in item ? item : { ...item, kind: 'dispatch' as const })),
    );
    if (
      page.items.length === 0 ||
      !page.nextCursor ||
      page.nextCursor === cursor ||
      items.length >= max
    ) {
      return items;
    }
    cursor = page.nextCursor;
  }
}

export const fetchDispatch = (id: string) =>
  apiJson<DispatchView>(`/dispatches/${encodeURIComponent(id)}`);

/** One PDF as a blob (the gateway sends it as an attachment; the console shows it inline). */
export async function fetchDispatchFile(dispatchId: string, fileId: string): Promise<Blob> {
  const response = await apiFetch(
    `/dispatches/${encodeURIComponent(dispatchId)}/files/${encodeURIComponent(fileId)}`,
  );
  return new Blob([await response.arrayBuffer()], { type: 'application/pdf' });
}

export const postStatusNotice = (
  dispatchId: string,
  notice: { code: string; reason?: string; noticeId: string },
) =>
  apiJson<StatusNotice>(`/dispatches/${encodeURIComponent(dispatchId)}/status`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(notice),
  });

export interface RecallResult {
  dispatchId: string;
  recalledAt: string;
  reason: string;
  /** Recipients that had neither fetched it nor reported a status: gone from their inbox. */
  withdrawnFrom: string[];
  /** Recipients that had fetched it or reported a status: asked to agree (15) or refuse (16). */
  requestedFrom: string[];
}

/** POST /api/v1/dispatches/:id/recall, by the sender only. */
export const recallDispatch = (dispatchId: string, reason: string) =>
  apiJson<RecallResult>(`/dispatches/${encodeURIComponent(dispatchId)}/recall`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ reason }),
  });

/** One dispatch the calling agency sent, with every recipient's state (GET /dispatches?role=sent). */
export interface SentItem {
  dispatchId: string;
  documentId: string;
  subject: string;
  urgency: string;
  state: string;
  createdAt: string;
  recalledAt: string | null;
  recipients: RecipientState[];
}

/** The newest `limit` dispatches the calling agency sent. */
export const fetchSent = (limit = 100) =>
  apiJson<{ items: SentItem[]; nextCursor: string | null }>(`/dispatches?role=sent&limit=${limit}`);
