import { UnavailableError } from '@docaxis/errors/domain-error-kinds';
import type { FairShareRefusal } from './fair-share-admission';

/** New submissions wait while the verifiers catch up; nothing already accepted is affected. */
export class SubmissionBacklogFullError extends UnavailableError {
  constructor(
    { backlog, pending, fairShare }: FairShareRefusal,
    limit: number,
    retryAfterSeconds: number,
  ) {
    super(
      'SUBMISSION_BACKLOG_FULL',
      `The axis is busy (trục liên thông đang quá tải): ${backlog} dispatches await signature verification, over the limit of ${limit}, and ${pending} of them are yours (your fair share: ${fairShare}). Nothing from this request was accepted; send the same submission again (same Idempotency-Key) in ${retryAfterSeconds} s.`,
      { backlog, limit, pending, fairShare, retryAfterSeconds },
      {
        vi: `Trục liên thông văn bản đang quá tải: ${backlog} văn bản đang chờ kiểm tra chữ ký số, vượt giới hạn ${limit}, trong đó ${pending} văn bản của cơ quan (mức được phân bổ cho cơ quan: ${fairShare}). Yêu cầu này chưa được tiếp nhận; đề nghị gửi lại đúng văn bản này (cùng Idempotency-Key) sau ${retryAfterSeconds} giây.`,
      },
    );
  }
}
