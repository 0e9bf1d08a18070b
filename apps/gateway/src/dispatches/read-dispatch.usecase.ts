import { Injectable } from '@nestjs/common';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import type { DispatchEntity } from '@docaxis/persistence/dispatch/dispatch.entity';
import { StatusNoticeRepository } from '@docaxis/persistence/status-notice/status-notice.repository';
import { DispatchAccessService, type DispatchParty } from './dispatch-access.service';
import {
  type DispatchLinks,
  type DispatchView,
  replacedByLink,
  replacementOf,
  toDispatchView,
} from './dtos/dispatch-view';

const VISIBLE_TO_RECIPIENT = new Set(['delivered', 'fetched', 'acknowledged']);

/**
 * A dispatch with its per-recipient states, verification reports, status notices and its
 * replacement links both ways, for one of its parties.
 */
@Injectable()
export class ReadDispatchUseCase {
  constructor(
    private readonly access: DispatchAccessService,
    private readonly notices: StatusNoticeRepository,
    private readonly dispatches: DispatchRepository,
  ) {}

  async execute(dispatchId: string, agencyCode: string): Promise<DispatchView> {
    const party = await this.access.partyOf(dispatchId, agencyCode);
    const links = await this.linksOf(party, agencyCode);
    // The sender follows every recipient; a recipient sees its own delivery only.
    if (party.role === 'sender') {
      return toDispatchView(
        party.dispatch,
        party.dispatch.recipients ?? [],
        await this.notices.listForDispatch(dispatchId),
        links,
      );
    }
    return toDispatchView(
      party.dispatch,
      [party.recipient],
      await this.notices.listForDispatch(dispatchId, agencyCode),
      links,
    );
  }

  private async linksOf(party: DispatchParty, agencyCode: string): Promise<DispatchLinks> {
    const replacements = await this.dispatches.findReplacements(party.dispatch.id);
    // A recipient sees the replacements that reached its own inbox.
    const visible = (replacement: DispatchEntity) =>
      party.role === 'sender' ||
      (replacement.recipients ?? []).some(
        (r) => r.recipientCode === agencyCode && VISIBLE_TO_RECIPIENT.has(r.state),
      );
    return {
      replaces: replacementOf(party.dispatch),
      replacedBy: replacements.filter(visible).map(replacedByLink),
    };
  }
}
