import { Injectable } from '@nestjs/common';
import { StatusNoticeRepository } from '@docaxis/persistence/status-notice/status-notice.repository';
import { DispatchAccessService } from './dispatch-access.service';
import { type DispatchView, toDispatchView } from './dtos/dispatch-view';

/**
 * A dispatch with its per-recipient states, verification reports and status notices, for one of
 * its parties.
 */
@Injectable()
export class ReadDispatchUseCase {
  constructor(
    private readonly access: DispatchAccessService,
    private readonly notices: StatusNoticeRepository,
  ) {}

  async execute(dispatchId: string, agencyCode: string): Promise<DispatchView> {
    const party = await this.access.partyOf(dispatchId, agencyCode);
    // The sender follows every recipient; a recipient sees its own delivery only.
    if (party.role === 'sender') {
      return toDispatchView(
        party.dispatch,
        party.dispatch.recipients ?? [],
        await this.notices.listForDispatch(dispatchId),
      );
    }
    return toDispatchView(
      party.dispatch,
      [party.recipient],
      await this.notices.listForDispatch(dispatchId, agencyCode),
    );
  }
}
