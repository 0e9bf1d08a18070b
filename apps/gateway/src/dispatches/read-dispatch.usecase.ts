import { Injectable } from '@nestjs/common';
import type { DispatchEntity } from '@docaxis/persistence/dispatch/dispatch.entity';
import { DispatchViewRepository } from '@docaxis/persistence/dispatch/dispatch-view.repository';
import { isUuid } from '@docaxis/persistence/database/uuid';
import type { ReportLanguage } from '@docaxis/signature/report/wording/report-wording';
import { partyRoleOf } from './dispatch-access.service';
import { DispatchNotFoundError } from './dispatch-submission.errors';
import {
  type DispatchView,
  replacedByLink,
  replacementOf,
  toDispatchView,
} from './dtos/dispatch-view';

/**
 * A dispatch with its per-recipient states, verification reports, status notices and its
 * replacement links both ways, for one of its parties (the rules of DispatchAccessService), read
 * in one query.
 */
@Injectable()
export class ReadDispatchUseCase {
  constructor(private readonly views: DispatchViewRepository) {}

  /** `language`: of the words the axis adds (the rejection's reason); the envelope is as sent. */
  async execute(
    dispatchId: string,
    agencyCode: string,
    language: ReportLanguage,
  ): Promise<DispatchView> {
    if (!isUuid(dispatchId)) throw new DispatchNotFoundError(dispatchId);
    const found = await this.views.find(dispatchId, agencyCode);
    if (!found) throw new DispatchNotFoundError(dispatchId);
    const { dispatch, notices, replacements } = found;
    const ownCopy = (d: DispatchEntity) =>
      d.recipients?.find((r) => r.recipientCode === agencyCode);
    const role = partyRoleOf(dispatch.senderCode, ownCopy(dispatch)?.state ?? null, agencyCode);
    if (!role) throw new DispatchNotFoundError(dispatchId);
    // A recipient sees the replacements that reached its own inbox.
    const visible = (replacement: DispatchEntity) =>
      role === 'sender' ||
      partyRoleOf(replacement.senderCode, ownCopy(replacement)?.state ?? null, agencyCode) !== null;
    const links = {
      replaces: replacementOf(dispatch),
      replacedBy: replacements.filter(visible).map(replacedByLink),
    };
    // The sender follows every recipient; a recipient sees its own delivery only (its own
    // notices too: the query answers only those).
    const recipients = role === 'sender' ? (dispatch.recipients ?? []) : [ownCopy(dispatch)!];
    return toDispatchView(dispatch, recipients, notices, links, language);
  }
}
