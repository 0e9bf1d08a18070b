import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DispatchEntity } from '@docaxis/persistence/dispatch/dispatch.entity';
import type { DispatchRecipientEntity } from '@docaxis/persistence/dispatch/dispatch-recipient.entity';
import type { RecipientState } from '@docaxis/persistence/dispatch/dispatch-state';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import { isUuid } from '@docaxis/persistence/database/uuid';
import { DispatchNotFoundError } from './dispatch-submission.errors';

export type DispatchParty =
  | { role: 'sender'; dispatch: DispatchEntity }
  | { role: 'recipient'; dispatch: DispatchEntity; recipient: DispatchRecipientEntity };

const VISIBLE_TO_RECIPIENT = new Set<RecipientState>(['delivered', 'fetched', 'acknowledged']);

/**
 * Who may see a dispatch: its sender, and each recipient once it sits in that recipient's inbox
 * (`recipientState`: the caller's copy, null when it is not a recipient). Null: nobody the caller
 * may see it as.
 */
export function partyRoleOf(
  senderCode: string,
  recipientState: RecipientState | null,
  agencyCode: string,
): DispatchParty['role'] | null {
  if (senderCode === agencyCode) return 'sender';
  if (recipientState !== null && VISIBLE_TO_RECIPIENT.has(recipientState)) return 'recipient';
  return null;
}

/**
 * Loads a dispatch for one of its parties (`partyRoleOf`). Everyone else gets "not found", so
 * the existence of others' dispatches never leaks.
 */
@Injectable()
export class DispatchAccessService {
  constructor(private readonly dispatches: DispatchRepository) {}

  async partyOf(
    dispatchId: string,
    agencyCode: string,
    manager?: EntityManager,
  ): Promise<DispatchParty> {
    if (!isUuid(dispatchId)) throw new DispatchNotFoundError(dispatchId);
    const dispatch = await this.dispatches.findById(dispatchId, manager);
    if (!dispatch) throw new DispatchNotFoundError(dispatchId);
    const recipient = dispatch.recipients?.find((r) => r.recipientCode === agencyCode);
    switch (partyRoleOf(dispatch.senderCode, recipient?.state ?? null, agencyCode)) {
      case 'sender':
        return { role: 'sender', dispatch };
      case 'recipient':
        return { role: 'recipient', dispatch, recipient: recipient! };
      case null:
        throw new DispatchNotFoundError(dispatchId);
    }
  }
}
