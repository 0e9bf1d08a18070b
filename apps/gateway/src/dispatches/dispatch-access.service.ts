import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DispatchEntity } from '@docaxis/persistence/dispatch/dispatch.entity';
import type { DispatchRecipientEntity } from '@docaxis/persistence/dispatch/dispatch-recipient.entity';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import { isDispatchId } from './dispatch-id';
import { DispatchNotFoundError } from './dispatch-submission.errors';

export type DispatchParty =
  | { role: 'sender'; dispatch: DispatchEntity }
  | { role: 'recipient'; dispatch: DispatchEntity; recipient: DispatchRecipientEntity };

const VISIBLE_TO_RECIPIENT = new Set(['delivered', 'fetched', 'acknowledged']);

/**
 * Who may see a dispatch: its sender, and each recipient once it sits in that recipient's
 * inbox. Everyone else gets "not found", so the existence of others' dispatches never leaks.
 */
@Injectable()
export class DispatchAccessService {
  constructor(private readonly dispatches: DispatchRepository) {}

  async partyOf(
    dispatchId: string,
    agencyCode: string,
    manager?: EntityManager,
  ): Promise<DispatchParty> {
    if (!isDispatchId(dispatchId)) throw new DispatchNotFoundError(dispatchId);
    const dispatch = await this.dispatches.findById(dispatchId, manager);
    if (!dispatch) throw new DispatchNotFoundError(dispatchId);
    if (dispatch.senderCode === agencyCode) return { role: 'sender', dispatch };
    const recipient = dispatch.recipients?.find((r) => r.recipientCode === agencyCode);
    if (recipient && VISIBLE_TO_RECIPIENT.has(recipient.state)) {
      return { role: 'recipient', dispatch, recipient };
    }
    throw new DispatchNotFoundError(dispatchId);
  }
}
