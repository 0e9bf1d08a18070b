import { Inject, Injectable } from '@nestjs/common';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import { type InboxEntry, InboxRepository } from '@docaxis/persistence/inbox/inbox.repository';
import { InboxWakeups } from '@docaxis/persistence/inbox/inbox-wakeups';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { parsePageLimit } from '../http/page-limit';
import {
  type StatusNoticeView,
  toStatusNoticeView,
} from '../status-notices/dtos/status-notice-view';
import { decodeInboxCursor, encodeInboxCursor } from './inbox-cursor';
import { parseInboxWait, waitUntilFound } from './inbox-wait';

/** A dispatch delivered to the calling agency, or a status notice addressed to it. */
export type InboxItem = DispatchInboxItem | StatusInboxItem;

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

/** A recipient's notice for the sender, or the sender's recall request (13) for a recipient. */
export interface StatusInboxItem {
  kind: 'status';
  dispatchId: string;
  documentId: string;
  deliveredAt: string | null;
  notice: StatusNoticeView;
}

export interface InboxPage {
  items: InboxItem[];
  /** Pass back as `cursor` to get what arrived after this page; absent when nothing more is there yet. */
  nextCursor: string | null;
}

export interface ListInboxQuery {
  cursor?: string;
  limit?: string;
  /** Seconds to hold the request while nothing is there after the cursor (long-poll). */
  wait?: string;
  /** Aborted when the client disconnects. */
  signal?: AbortSignal;
}

/**
 * What was delivered to the calling agency, oldest first, in stable pages. With `wait`, an empty
 * page is held until something arrives or the wait ends: a delivery committed by any router wakes
 * it (PostgreSQL NOTIFY, InboxWakeups), and it looks again then.
 */
@Injectable()
export class ListInboxUseCase {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly wakeups: InboxWakeups,
    private readonly metrics: AxisMetrics,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async execute(agencyCode: string, query: ListInboxQuery = {}): Promise<InboxPage> {
    const { cursor } = query;
    const limit = parsePageLimit(query.limit, this.config.INBOX_PAGE_LIMIT_MAX);
    const waitMs = parseInboxWait(query.wait, this.config.INBOX_WAIT_MAX_SECONDS);
    const afterSeq = decodeInboxCursor(cursor);
    const page = () => this.inbox.page(agencyCode, afterSeq, limit);
    const entries =
      waitMs === 0 ? await page() : await this.waitFor(agencyCode, page, waitMs, query);
    const last = entries.at(-1);
    return {
      items: entries.map(toInboxItem),
      nextCursor: last ? encodeInboxCursor(last.deliverySeq) : (cursor ?? null),
    };
  }

  private async waitFor(
    agencyCode: string,
    page: () => Promise<InboxEntry[]>,
    waitMs: number,
    { signal }: ListInboxQuery,
  ): Promise<InboxEntry[]> {
    // Subscribed before the first look, so a delivery committed during it wakes the next pause.
    const wakeup = this.wakeups.subscribe(agencyCode);
    try {
      return await waitUntilFound(page, wakeup, {
        waitMs,
        safetyIntervalMs: this.config.INBOX_WAIT_SAFETY_POLL_MS,
        pollIntervalMs: this.config.INBOX_WAIT_POLL_MS,
        signal,
        onWoken: () => this.metrics.inboxWakeups.inc(),
      });
    } finally {
      wakeup.close();
    }
  }
}

function toInboxItem(entry: InboxEntry): InboxItem {
  const { dispatch } = entry;
  if (entry.kind === 'status') {
    return {
      kind: 'status',
      dispatchId: dispatch.id,
      documentId: dispatch.documentId,
      deliveredAt: entry.notice.deliveredAt?.toISOString() ?? null,
      notice: toStatusNoticeView(entry.notice),
    };
  }
  return {
    kind: 'dispatch',
    dispatchId: dispatch.id,
    documentId: dispatch.documentId,
    senderCode: dispatch.senderCode,
    subject: dispatch.subject,
    urgency: dispatch.urgency,
    dueDate: dispatch.dueDate,
    state: entry.recipient.state,
    deliveredAt: entry.recipient.deliveredAt?.toISOString() ?? null,
  };
}
