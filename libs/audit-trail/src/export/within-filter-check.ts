import type { ExportCompletenessCheck, ExportedProblem } from './export-completeness-check';
import { matchesExportableFilter } from './exportable-filter-match';
import type { ExportableFilter } from './stated-export-filter';

/**
 * Every record of the file is one `filter` selects, at or below `head`. It says nothing of
 * records missing: alone, it is what a manifest of an export filtered by the dispatch's current
 * state can still be held to (that export's records are a part of what `filter` selects).
 */
export function withinFilterCheck(
  filter: ExportableFilter,
  head: { seq: number; hash: string } | null,
): ExportCompletenessCheck {
  return {
    record: (record) => {
      const { seq } = record.fields;
      let problem: ExportedProblem | null = null;
      if (head === null || seq > head.seq) {
        problem = {
          problem: 'outside-filter',
          seq,
          detail: `seq ${seq} is past the head the manifest pinned (${head ? `seq ${head.seq}` : 'an empty trail'})`,
        };
      } else if (!matchesExportableFilter(record, filter)) {
        problem = {
          problem: 'outside-filter',
          seq,
          detail: `seq ${seq} (${record.fields.eventType}) is not selected by the manifest's filter`,
        };
      }
      return Promise.resolve(problem);
    },
    end: () => Promise.resolve(null),
    close: () => Promise.resolve(),
  };
}
