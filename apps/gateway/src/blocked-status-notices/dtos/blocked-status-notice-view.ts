import type { BlockingStatusNotice } from '@docaxis/persistence/status-notice/status-notice.repository';
import {
  type StatusNoticeView,
  toStatusNoticeView,
} from '../../status-notices/dtos/status-notice-view';

/** A notice holding others back, as the operators' list shows it. */
export interface BlockingStatusNoticeView {
  notice: StatusNoticeView;
  /** Ready notices waiting behind it. */
  waiting: number;
  /** When the first of them became ready. */
  waitingSince: string;
}

export interface BlockingStatusNoticeList {
  items: BlockingStatusNoticeView[];
}

/** What skipping a notice did. */
export interface SkippedStatusNotice {
  /** The notice, now with `skipped`. */
  notice: StatusNoticeView;
  /** The notices released into the addressee's inbox behind it, in order. */
  released: { id: string; deliverySeq: number }[];
}

export function toBlockingStatusNoticeView(
  blocking: BlockingStatusNotice,
): BlockingStatusNoticeView {
  return {
    notice: toStatusNoticeView(blocking.notice),
    waiting: blocking.waiting,
    waitingSince: blocking.waitingSince.toISOString(),
  };
}
