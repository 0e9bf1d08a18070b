import { Inject, Injectable } from '@nestjs/common';
import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { decodeInboxCursor, encodeInboxCursor } from './inbox-cursor';

export interface InboxItem {
  dispatchId: string;
  documentId: string;
  senderCode: string;
  subject: string;
  urgency: string;
  dueDate: string | null;
  state: string;
  deliveredAt: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  /** Pass back as `cursor` to get what arrived after this page; absent when nothing more is there yet. */
  nextCursor: string | null;
}

export class InboxLimitInvalidError extends InvalidInputError {
  constructor(max: number) {
    super('LIMIT_INVALID', `limit must be an integer from 1 to ${max}.`, { max });
  }
}

/** What was delivered to the calling agency, oldest first, in stable pages. */
@Injectable()
export class ListInboxUseCase {
  constructor(
    private readonly dispatches: DispatchRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async execute(
    agencyCode: string,
    cursor: string | undefined,
    limitParam: string | undefined,
  ): Promise<InboxPage> {
    const max = this.config.INBOX_PAGE_LIMIT_MAX;
    const limit = limitParam === undefined ? Math.min(50, max) : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new InboxLimitInvalidError(max);
    const afterSeq = decodeInboxCursor(cursor);
    const entries = await this.dispatches.inboxPage(agencyCode, afterSeq, limit);
    const items = entries.map(({ dispatch, recipient }) => ({
      dispatchId: dispatch.id,
      documentId: dispatch.documentId,
      senderCode: dispatch.senderCode,
      subject: dispatch.subject,
      urgency: dispatch.urgency,
      dueDate: dispatch.dueDate,
      state: recipient.state,
      deliveredAt: recipient.deliveredAt?.toISOString() ?? null,
    }));
    const last = entries.at(-1);
    return {
      items,
      nextCursor: last?.recipient.deliverySeq
        ? encodeInboxCursor(last.recipient.deliverySeq)
        : (cursor ?? null),
    };
  }
}
