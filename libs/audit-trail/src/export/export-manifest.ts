import type { AuditTrailVerification } from '../verification/audit-trail-verifier';
import type { ExportHeader } from './audit-exporter';
import type { ExportSelectionSummary } from './export-selection';
import type { StatedExportFilter, StatedNotRecheckableFilter } from './stated-export-filter';

export const EXPORT_MANIFEST_FORMAT = 'docaxis-audit-export-manifest/2';

/**
 * What an export states beside its file: the filter it applied, the head it was pinned to, the
 * records it holds (count, first and last seq, a digest of their seqs and hashes) and the
 * verification of the trail up to that head. It is not signed: whoever holds the file and the
 * manifest can rewrite both; it proves the file unchanged only while kept apart from it, and
 * `verify-export --database` re-runs the filter against the trail itself.
 */
export type ExportManifest = {
  v: typeof EXPORT_MANIFEST_FORMAT;
  generatedAt: string;
  filter: StatedExportFilter;
  head: { seq: number; hash: string } | null;
  verification: AuditTrailVerification;
} & (
  | { selection: ExportSelectionSummary }
  | {
      /**
       * An export also filtered by the dispatch's current state (the API's state, status,
       * number, notation): named here, and no selection stated, since no one can check later
       * which records those filters selected; `filter` is the part a verifier can still apply.
       */
      filterNotRecheckable: StatedNotRecheckableFilter;
      selection: null;
    }
);

export function exportManifest(
  header: ExportHeader,
  filter: StatedExportFilter,
  selected: ExportSelectionSummary | { notRecheckable: StatedNotRecheckableFilter },
  generatedAt: Date,
): ExportManifest {
  const at = generatedAt.toISOString();
  const { head, verification } = header;
  if ('notRecheckable' in selected) {
    const { notRecheckable } = selected;
    return {
      v: EXPORT_MANIFEST_FORMAT,
      generatedAt: at,
      filter,
      filterNotRecheckable: notRecheckable,
      head,
      selection: null,
      verification,
    };
  }
  return {
    v: EXPORT_MANIFEST_FORMAT,
    generatedAt: at,
    filter,
    head,
    selection: selected,
    verification,
  };
}
