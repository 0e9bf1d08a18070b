import type { AuditTrailVerification } from '../verification/audit-trail-verifier';
import type { ExportHeader } from './audit-exporter';
import type { ExportSelectionSummary } from './export-selection';
import type { StatedExportFilter } from './stated-export-filter';

export const EXPORT_MANIFEST_FORMAT = 'docaxis-audit-export-manifest/2';

/**
 * What an export states beside its file: the filter it applied, the head it was pinned to, the
 * records it holds (count, first and last seq, a digest of their seqs and hashes) and the
 * verification of the trail up to that head. It is not signed: whoever holds the file and the
 * manifest can rewrite both; it proves the file unchanged only while kept apart from it, and
 * `verify-export --database` re-runs the filter against the trail itself.
 */
export interface ExportManifest {
  v: typeof EXPORT_MANIFEST_FORMAT;
  generatedAt: string;
  filter: StatedExportFilter;
  head: { seq: number; hash: string } | null;
  selection: ExportSelectionSummary;
  verification: AuditTrailVerification;
}

export function exportManifest(
  header: ExportHeader,
  filter: StatedExportFilter,
  selection: ExportSelectionSummary,
  generatedAt: Date,
): ExportManifest {
  return {
    v: EXPORT_MANIFEST_FORMAT,
    generatedAt: generatedAt.toISOString(),
    filter,
    head: header.head,
    selection,
    verification: header.verification,
  };
}
