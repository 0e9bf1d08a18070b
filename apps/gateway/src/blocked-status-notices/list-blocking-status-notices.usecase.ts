import { Injectable } from '@nestjs/common';
import { StatusNoticeRepository } from '@docaxis/persistence/status-notice/status-notice.repository';
import { parsePageLimit } from '../http/page-limit';
import {
  type BlockingStatusNoticeList,
  toBlockingStatusNoticeView,
} from './dtos/blocked-status-notice-view';

const MAX_LIMIT = 200;

/**
 * The operators' list of status notices that hold later ones back (their message late, parked,
 * or parked unreadable so that no discard can name the notice), oldest first.
 */
@Injectable()
export class ListBlockingStatusNoticesUseCase {
  constructor(private readonly notices: StatusNoticeRepository) {}

  async execute(limitParam: string | undefined): Promise<BlockingStatusNoticeList> {
    const limit = parsePageLimit(limitParam, MAX_LIMIT);
    const blocking = await this.notices.blocking(limit);
    return { items: blocking.map(toBlockingStatusNoticeView) };
  }
}
