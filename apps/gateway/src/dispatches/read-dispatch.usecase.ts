import { Injectable } from '@nestjs/common';
import { DispatchAccessService } from './dispatch-access.service';
import { type DispatchView, toDispatchView } from './dtos/dispatch-view';

/** A dispatch with its per-recipient states and verification reports, for one of its parties. */
@Injectable()
export class ReadDispatchUseCase {
  constructor(private readonly access: DispatchAccessService) {}

  async execute(dispatchId: string, agencyCode: string): Promise<DispatchView> {
    const party = await this.access.partyOf(dispatchId, agencyCode);
    // The sender follows every recipient; a recipient sees its own delivery only.
    const recipients =
      party.role === 'sender' ? (party.dispatch.recipients ?? []) : [party.recipient];
    return toDispatchView(party.dispatch, recipients);
  }
}
