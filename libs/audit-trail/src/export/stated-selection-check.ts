import type { ExportCompletenessCheck, ExportedProblem } from './export-completeness-check';
import { ExportSelection, type ExportSelectionSummary } from './export-selection';
import type { ExportableFilter } from './stated-export-filter';
import { withinFilterCheck } from './within-filter-check';

/** The part of a manifest this check holds the file to. */
export interface StatedSelection {
  filter: ExportableFilter;
  head: { seq: number; hash: string } | null;
  selection: ExportSelectionSummary;
}

/**
 * Offline: the file holds exactly what its manifest states. Every record must be one the
 * manifest's filter selects, at or below its head; at the end the records' count, first and last
 * seq and digest must be the manifest's. It names a missing first or last record; one missing in
 * between shows as fewer records than stated. The manifest is not signed, so this proves the
 * file unchanged only against a manifest kept apart from it.
 */
export function statedSelectionCheck(stated: StatedSelection): ExportCompletenessCheck {
  const within = withinFilterCheck(stated.filter, stated.head);
  const found = new ExportSelection();
  return {
    record: (record) => {
      found.add(record.fields.seq, record.hash);
      return within.record(record);
    },
    end: () => Promise.resolve(selectionProblem(found.summary(), stated.selection)),
    close: () => Promise.resolve(),
  };
}

function selectionProblem(
  found: ExportSelectionSummary,
  stated: ExportSelectionSummary,
): ExportedProblem | null {
  if (
    found.count === stated.count &&
    found.digest === stated.digest &&
    found.firstSeq === stated.firstSeq &&
    found.lastSeq === stated.lastSeq
  ) {
    return null;
  }
  const details = [`the file holds ${found.count} records, the manifest states ${stated.count}`];
  let missing: number | null = null;
  if (stated.firstSeq !== null && (found.firstSeq === null || found.firstSeq > stated.firstSeq)) {
    missing = stated.firstSeq;
    details.push(`its first record, seq ${stated.firstSeq}, is missing`);
  } else if (
    stated.lastSeq !== null &&
    (found.lastSeq === null || found.lastSeq < stated.lastSeq)
  ) {
    missing = stated.lastSeq;
    details.push(`its last record, seq ${stated.lastSeq}, is missing`);
  }
  if (found.digest !== stated.digest) {
    details.push(
      `their seqs and hashes digest to ${found.digest}, the manifest states ${stated.digest}`,
    );
  }
  return {
    problem: found.count < stated.count ? 'incomplete' : 'selection-mismatch',
    seq: missing,
    detail: details.join('; '),
  };
}
