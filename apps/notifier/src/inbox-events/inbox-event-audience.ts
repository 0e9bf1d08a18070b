import { MessageTypes, type MessageType } from '@docaxis/messaging/contracts/message-types';
import type { MessagePayloads } from '@docaxis/messaging/contracts/message-payloads';

/** Events that change an agency's inbox, and so are worth a webhook call. */
export const INBOX_EVENT_TYPES = [
  MessageTypes.DispatchDeliveredBatch,
  // No longer published; what an older router wrote during a rolling upgrade.
  MessageTypes.DispatchDelivered,
  // A status message (01–06, 15, 16 to the sender; a recall request, 13, to a recipient).
  MessageTypes.StatusDelivered,
  MessageTypes.DispatchRecalled,
] as const satisfies MessageType[];

export type InboxEventType = (typeof INBOX_EVENT_TYPES)[number];

/** Whose inbox an event changed: the agencies whose webhooks are told. */
export function inboxAgenciesOf<T extends InboxEventType>(
  type: T,
  body: MessagePayloads[T],
): string[] {
  switch (type) {
    case MessageTypes.DispatchDeliveredBatch:
      return [(body as MessagePayloads['dispatch.delivered.batch']).recipientCode];
    case MessageTypes.DispatchDelivered:
      return [(body as MessagePayloads['dispatch.delivered']).recipientCode];
    case MessageTypes.StatusDelivered:
      return [(body as MessagePayloads['status.delivered']).addresseeCode];
    case MessageTypes.DispatchRecalled: {
      // Those that have it get a recall request as a status message (above); those it was in
      // the inbox of see it leave, which only this event tells; the others never saw it.
      const recalled = body as MessagePayloads['dispatch.recalled'];
      return [...(recalled.withdrawnFromInbox ?? recalled.withdrawnFrom)];
    }
  }
  return [];
}
