import { Injectable } from '@nestjs/common';
import type { ParkedMessageState } from '@docaxis/persistence/parked-message/parked-message.entity';
import { ParkedMessageRepository } from '@docaxis/persistence/parked-message/parked-message.repository';
import { type ParkedMessagePage, toParkedMessageSummary } from './dtos/parked-message-view';
import { decodeParkedMessageCursor, encodeParkedMessageCursor } from './parked-message-cursor';
import { ParkedMessageQueryInvalidError } from './parked-message.errors';

export interface ListParkedMessagesQuery {
  cursor?: string;
  limit?: string;
  /** Broker queue the messages failed on. */
  queue?: string;
  /** `parked` (default), `redriven`, `discarded` or `all`. */
  state?: string;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const STATES: ReadonlySet<string> = new Set(['parked', 'redriven', 'discarded']);

/** The operators' list of parked messages, oldest first, by cursor. */
@Injectable()
export class ListParkedMessagesUseCase {
  constructor(private readonly parked: ParkedMessageRepository) {}

  async execute(query: ListParkedMessagesQuery): Promise<ParkedMessagePage> {
    const limit = parseLimit(query.limit);
    const state = query.state ?? 'parked';
    if (state !== 'all' && !STATES.has(state)) {
      throw new ParkedMessageQueryInvalidError({
        en: 'state must be parked, redriven, discarded or all',
        vi: 'state phải là parked, redriven, discarded hoặc all',
      });
    }
    if (query.queue !== undefined && (query.queue === '' || query.queue.length > 255)) {
      throw new ParkedMessageQueryInvalidError({
        en: 'queue must be 1 to 255 characters',
        vi: 'queue phải dài từ 1 đến 255 ký tự',
      });
    }
    // One more than asked says whether another page follows.
    const rows = await this.parked.page({
      afterId: decodeParkedMessageCursor(query.cursor),
      limit: limit + 1,
      sourceQueue: query.queue,
      state: state === 'all' ? undefined : (state as ParkedMessageState),
    });
    const items = rows.slice(0, limit).map(toParkedMessageSummary);
    const nextCursor =
      rows.length > limit ? encodeParkedMessageCursor(items[items.length - 1].id) : null;
    return { items, nextCursor };
  }
}

function parseLimit(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_LIMIT;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ParkedMessageQueryInvalidError({
      en: `limit must be an integer from 1 to ${MAX_LIMIT}`,
      vi: `limit phải là số nguyên từ 1 đến ${MAX_LIMIT}`,
    });
  }
  return limit;
}
