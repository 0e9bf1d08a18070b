import { Inject, Injectable } from '@nestjs/common';
import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { type RecipientView, toRecipientView } from '../dispatches/dtos/dispatch-view';
import { parsePageLimit } from '../http/page-limit';
import { decodeSentCursor, encodeSentCursor } from './sent-cursor';

export class ListRoleInvalidError extends InvalidInputError {
  constructor() {
    super(
      'ROLE_INVALID',
      'List dispatches with role=sent (what your agency sent); what it received is GET /inbox.',
      undefined,
      {
        vi: 'Dùng role=sent để liệt kê văn bản cơ quan đã gửi; văn bản cơ quan nhận được xem tại GET /inbox.',
      },
    );
  }
}

export interface SentItem {
  dispatchId: string;
  documentId: string;
  subject: string;
  urgency: string;
  /** The axis' state of the dispatch: accepted, verified, routed or rejected. */
  state: string;
  createdAt: string;
  recalledAt: string | null;
  replacesDispatchId: string | null;
  /** Each recipient's delivery step, status and recall answer. */
  recipients: RecipientView[];
}

export interface SentPage {
  items: SentItem[];
  /** Pass back as `cursor` for older dispatches; null when this page reached the oldest. */
  nextCursor: string | null;
}

/** What the calling agency sent, newest first, each with its recipients' states. */
@Injectable()
export class ListSentUseCase {
  constructor(
    private readonly dispatches: DispatchRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async execute(
    senderCode: string,
    query: { role?: string; cursor?: string; limit?: string },
  ): Promise<SentPage> {
    if (query.role !== 'sent') throw new ListRoleInvalidError();
    const limit = parsePageLimit(query.limit, this.config.INBOX_PAGE_LIMIT_MAX);
    const beforeId = decodeSentCursor(query.cursor);
    const page = await this.dispatches.sentPage(senderCode, beforeId, limit);
    const last = page.at(-1);
    return {
      items: page.map((dispatch) => ({
        dispatchId: dispatch.id,
        documentId: dispatch.documentId,
        subject: dispatch.subject,
        urgency: dispatch.urgency,
        state: dispatch.state,
        createdAt: dispatch.createdAt.toISOString(),
        recalledAt: dispatch.recalledAt?.toISOString() ?? null,
        replacesDispatchId: dispatch.replacesDispatchId,
        recipients: (dispatch.recipients ?? []).map(toRecipientView),
      })),
      nextCursor: last && page.length === limit ? encodeSentCursor(last.id) : null,
    };
  }
}
