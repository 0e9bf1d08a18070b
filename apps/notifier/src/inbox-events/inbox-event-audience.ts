import { MessageTypes, type MessageType } from '@docaxis/messaging/contracts/message-types';
import type { MessagePayloads } from '@docaxis/messaging/contracts/message-payloads';

/** Events that land in an agency's inbox, and so are worth a webhook call. */
export const INBOX_EVENT_TYPES = [MessageTypes.DispatchDelivered] as const satisfies MessageType[];

export type InboxEventType = (typeof INBOX_EVENT_TYPES)[number];

/** Whose inbox an event landed in: the agencies whose webhooks are told. */
export function inboxAgenciesOf<T extends InboxEventType>(
  type: T,
  body: MessagePayloads[T],
): string[] {
  switch (type) {
    case MessageTypes.DispatchDelivered:
      return [body.recipientCode];
  }
  return [];
}
