import { isUuid } from '@docaxis/persistence/database/uuid';
import { AGENCY_CHANGE_EVENTS } from '@docaxis/persistence/audit/audit-search.repository';
import type { AuditRecordHashFields } from '../chain/audit-record-hash';
import type { ExportableFilter } from './stated-export-filter';

/**
 * Whether the search would select this record, decided from the record alone: the same rules as
 * AuditSearchRepository's WHERE clauses for these filters (kept together with them by the
 * verify-export spec, which checks a re-query and this rule agree).
 */
export function matchesExportableFilter(
  record: { fields: AuditRecordHashFields; payload: unknown },
  filter: ExportableFilter,
): boolean {
  const { fields } = record;
  if (filter.dispatchId !== undefined) {
    // PostgreSQL compares uuids whatever their letter case; a malformed id selects nothing.
    if (!isUuid(filter.dispatchId) || fields.dispatchId !== filter.dispatchId.toLowerCase()) {
      return false;
    }
  }
  if (filter.agencyCode !== undefined) {
    const code = filter.agencyCode;
    const about =
      AGENCY_CHANGE_EVENTS.includes(fields.eventType) && changedAgencyOf(record.payload) === code;
    if (fields.senderCode !== code && fields.recipientCode !== code && !about) return false;
  }
  if (filter.eventTypes?.length && !filter.eventTypes.includes(fields.eventType)) return false;
  if (filter.actor !== undefined && fields.actor !== filter.actor) return false;
  if (filter.from && fields.recordedAt.getTime() < filter.from.getTime()) return false;
  if (filter.to && fields.recordedAt.getTime() >= filter.to.getTime()) return false;
  return true;
}

/** `payload->'body'->>'agencyCode'`: a string as it is, a number or boolean as its JSON text. */
function changedAgencyOf(payload: unknown): string | null {
  const body = (payload as { body?: unknown } | null)?.body;
  const code = (body as { agencyCode?: unknown } | null | undefined)?.agencyCode;
  if (typeof code === 'string') return code;
  if (typeof code === 'number' || typeof code === 'boolean') return JSON.stringify(code);
  return null;
}
