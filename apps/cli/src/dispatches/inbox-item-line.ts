import {
  type PacketSignatureReportBrief,
  packetSignatureVerdict,
} from '@docaxis/edxml/signature/packet-signature-verdict';
import type { DispatchMessages } from './dispatch-messages';

/** A dispatch delivered to the calling agency (`kind: "dispatch"` in `GET /inbox`). */
export interface DispatchInboxLine {
  kind: 'dispatch';
  dispatchId: string;
  senderCode: string;
  subject: string;
  urgency: string;
  state: string;
}

/**
 * A status notice (trạng thái xử lý) for the calling agency: a recipient's notice on a dispatch
 * it sent, or the sender's recall request (13) on one it received. `authorCode` gave it.
 */
export interface StatusInboxLine {
  kind: 'status';
  dispatchId: string;
  notice: {
    code: string;
    name: string;
    authorCode: string;
    reason: string | null;
    /** Set when the notice came as an edXML status packet (absent from older gateways). */
    envelopeSignature?: PacketSignatureReportBrief | null;
  };
}

export type InboxLineItem = DispatchInboxLine | StatusInboxLine;

/**
 * One line of `docaxis inbox` per item. The inbox holds dispatches and status notices in one
 * order; an item of a kind this CLI does not know (a newer gateway) still gets a line rather than
 * stopping the listing.
 */
export function inboxItemLine(
  item: InboxLineItem | { kind: string; dispatchId: string },
  messages: DispatchMessages,
): string {
  if (isDispatch(item)) {
    const { dispatchId, state, senderCode, urgency, subject } = item;
    return messages.inboxDispatch(dispatchId, state, senderCode, urgency, subject);
  }
  if (isStatus(item)) {
    const { code, name, authorCode, reason, envelopeSignature } = item.notice;
    const line = messages.inboxStatus(item.dispatchId, code, authorCode, name, reason);
    return envelopeSignature
      ? `${line}  ${messages.packetSignature(packetSignatureVerdict(envelopeSignature))}`
      : line;
  }
  return messages.inboxUnknownKind(item.dispatchId, item.kind);
}

function isDispatch(item: { kind: string }): item is DispatchInboxLine {
  return item.kind === 'dispatch';
}

function isStatus(item: { kind: string }): item is StatusInboxLine {
  return item.kind === 'status';
}
