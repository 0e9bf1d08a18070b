import type { DispatchEntity } from '@docaxis/persistence/dispatch/dispatch.entity';
import type { DispatchRecipientEntity } from '@docaxis/persistence/dispatch/dispatch-recipient.entity';

/** A dispatch as the API shows it to one of its parties. */
export interface DispatchView {
  id: string;
  documentId: string;
  senderCode: string;
  state: string;
  rejection: { code: string; message: string } | null;
  envelope: Record<string, unknown>;
  createdAt: string;
  verifiedAt: string | null;
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
}

export interface RecipientView {
  agencyCode: string;
  state: string;
  statusCode: string | null;
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
    queuedAt: recipient.queuedAt?.toISOString() ?? null,
    deliveredAt: recipient.deliveredAt?.toISOString() ?? null,
    fetchedAt: recipient.fetchedAt?.toISOString() ?? null,
    acknowledgedAt: recipient.acknowledgedAt?.toISOString() ?? null,
  };
}

export function toDispatchView(
  dispatch: DispatchEntity,
  visibleRecipients: DispatchRecipientEntity[],
): DispatchView {
  return {
    id: dispatch.id,
    documentId: dispatch.documentId,
    senderCode: dispatch.senderCode,
    state: dispatch.state,
    rejection:
      dispatch.rejectionCode !== null
        ? { code: dispatch.rejectionCode, message: dispatch.rejectionMessage ?? '' }
        : null,
    envelope: dispatch.envelope,
    createdAt: dispatch.createdAt.toISOString(),
    verifiedAt: dispatch.verifiedAt?.toISOString() ?? null,
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
  };
}
