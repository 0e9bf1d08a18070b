import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { StatusNoticeEntity } from '@docaxis/persistence/status-notice/status-notice.entity';
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

/**
 * Stores a notice as it is, with no recipient state, outbox row or inbox position: a fixture for
 * specs (the gateway records notices through StatusNoticeRepository.record or the recall).
 */
export async function insertStatusNotice(
  manager: EntityManager,
  notice: NewStatusNotice,
): Promise<void> {
  await manager.insert(StatusNoticeEntity, notice);
}
