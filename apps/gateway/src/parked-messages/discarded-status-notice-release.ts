import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { checkPayload } from '@docaxis/messaging/contracts/message-payloads';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import type { ParkedMessageEntity } from '@docaxis/persistence/parked-message/parked-message.entity';
import { StatusNoticeRepository } from '@docaxis/persistence/status-notice/status-notice.repository';
import { skipStatusNotice } from '../status-notices/status-notice-skip';
import { parsedJson } from './dtos/parked-message-view';

/**
 * Discarding a parked `status.noticed` message gives its notice up: the notices of the same
 * recipient that were ready and waited behind it would otherwise wait forever. The notice is
 * marked skipped with the operator's reason (the gap stays on record) and the waiting ones are
 * delivered in the discard's transaction. Other parked messages are left alone, and so is one
 * whose body is not a valid `status.noticed`: it names no notice for certain, so the operator
 * skips the notice itself (SkipStatusNoticeUseCase, POST /admin/status-notices/:id/skip).
 */
@Injectable()
export class DiscardedStatusNoticeRelease {
  constructor(private readonly notices: StatusNoticeRepository) {}

  /**
   * The agency whose inbox the discard delivered notices to, to be announced once the discard
   * commits (InboxDeliveryAnnouncer); null when it delivered none, and for other messages.
   */
  async release(
    manager: EntityManager,
    parked: ParkedMessageEntity,
    reason: string,
    correlationId: string,
  ): Promise<string | null> {
    if (parked.messageType !== MessageTypes.StatusNoticed) return null;
    const body = parsedJson(parked.body);
    if (!body.ok) return null;
    const check = checkPayload(MessageTypes.StatusNoticed, body.value);
    if (!check.ok) return null;
    const notice = check.payload;
    const delivered = await skipStatusNotice(this.notices, manager, {
      facts: notice,
      reason,
      correlationId,
      occurredAt: new Date().toISOString(),
    });
    return delivered.length > 0 ? notice.addresseeCode : null;
  }
}
