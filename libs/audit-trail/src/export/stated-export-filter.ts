import type { AuditEventFilter } from '@docaxis/persistence/audit/audit-search.repository';

/**
 * The filters an export can state and have checked later: each is decided by the record itself
 * (its columns, and the payload's `body.agencyCode` for an agency's directory or webhook change),
 * so a verifier can tell whether a record belongs and a re-query at the same head answers the
 * same. The dispatch's state, a recipient's status and the số/ký hiệu are read from the
 * dispatches table, whose state moves on: an export by them cannot be proven complete later.
 */
export type ExportableFilter = Pick<
  AuditEventFilter,
  'dispatchId' | 'agencyCode' | 'eventTypes' | 'actor' | 'from' | 'to'
>;

/** An exportable filter as the manifest states it (JSON): only the given fields, instants in ISO 8601. */
export interface StatedExportFilter {
  dispatchId?: string;
  agencyCode?: string;
  eventTypes?: string[];
  actor?: string;
  from?: string;
  to?: string;
}

export function statedExportFilter(filter: ExportableFilter): StatedExportFilter {
  const stated: StatedExportFilter = {};
  if (filter.dispatchId !== undefined) stated.dispatchId = filter.dispatchId;
  if (filter.agencyCode !== undefined) stated.agencyCode = filter.agencyCode;
  if (filter.eventTypes?.length) stated.eventTypes = [...filter.eventTypes];
  if (filter.actor !== undefined) stated.actor = filter.actor;
  if (filter.from !== undefined) stated.from = filter.from.toISOString();
  if (filter.to !== undefined) stated.to = filter.to.toISOString();
  return stated;
}

/** The search filter a stated one stands for. */
export function exportableFilterOf(stated: StatedExportFilter): ExportableFilter {
  return {
    dispatchId: stated.dispatchId,
    agencyCode: stated.agencyCode,
    eventTypes: stated.eventTypes,
    actor: stated.actor,
    from: stated.from === undefined ? undefined : new Date(stated.from),
    to: stated.to === undefined ? undefined : new Date(stated.to),
  };
}

/**
 * The filters an export states but no one can check it by later: they read the dispatch's
 * current state (transport state, a recipient's last status code, số/ký hiệu), which moves on.
 * A manifest names them so that verify-export says completeness is not checkable rather than
 * holding the file to a re-query that would answer differently.
 */
export interface StatedNotRecheckableFilter {
  dispatchState?: string;
  statusCode?: string;
  codeNumber?: string;
  codeNotation?: string;
}

/** The search's filters split into those an export can be checked by and the others (null: none). */
export function splitExportFilter(filter: AuditEventFilter): {
  recheckable: ExportableFilter;
  notRecheckable: StatedNotRecheckableFilter | null;
} {
  const { dispatchId, agencyCode, eventTypes, actor, from, to } = filter;
  const notRecheckable: StatedNotRecheckableFilter = {};
  if (filter.dispatchState !== undefined) notRecheckable.dispatchState = filter.dispatchState;
  if (filter.statusCode !== undefined) notRecheckable.statusCode = filter.statusCode;
  if (filter.codeNumber !== undefined) notRecheckable.codeNumber = filter.codeNumber;
  if (filter.codeNotation !== undefined) notRecheckable.codeNotation = filter.codeNotation;
  return {
    recheckable: { dispatchId, agencyCode, eventTypes, actor, from, to },
    notRecheckable: Object.keys(notRecheckable).length > 0 ? notRecheckable : null,
  };
}

/** No filter at all: the export is of the whole trail up to its head. */
export function isWholeTrail(stated: StatedExportFilter): boolean {
  return Object.keys(stated).length === 0;
}
