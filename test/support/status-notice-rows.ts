import { randomUUID } from 'node:crypto';
import type { NewStatusNotice } from '@docaxis/persistence/status-notice/status-notice.repository';

/** A status notice as the gateway records it, for repository specs: fresh ids, no reason. */
export function newStatusNotice(
  notice: Pick<
    NewStatusNotice,
    'dispatchId' | 'recipientCode' | 'authorCode' | 'addresseeCode' | 'statusCode'
  >,
): NewStatusNotice {
  const id = randomUUID();
  return {
    ...notice,
    id,
    noticeId: id,
    reason: null,
    staff: null,
    noticedAt: new Date(),
    requestDigest: '0'.repeat(64),
  };
}
