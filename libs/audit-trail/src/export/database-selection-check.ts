import type { AuditRecordEntity } from '@docaxis/persistence/audit/audit-record.entity';
import type { ExportCompletenessCheck, ExportedProblem } from './export-completeness-check';

/**
 * Against the trail itself: `selected` is the manifest's filter re-run on the database up to the
 * head the manifest pinned, oldest first. Walked beside the file (both in seq order, one record
 * of each held at a time), it names every kind of difference by seq: a record the database
 * selects that the file lacks, a record of the file it does not select, and one whose hash is
 * not the database's.
 *
 * `part`: the file holds only a part of what the database selects (an export also filtered by
 * the dispatch's current state, which cannot be re-run): a record it lacks is passed over, and
 * only its own records are checked (selected, same hash).
 */
export function databaseSelectionCheck(
  selected: AsyncGenerator<AuditRecordEntity>,
  headSeq: number,
  holds: 'all' | 'part' = 'all',
): ExportCompletenessCheck {
  let next: AuditRecordEntity | null | undefined;
  const peek = async (): Promise<AuditRecordEntity | null> => {
    if (next === undefined) {
      const step = await selected.next();
      next = step.done ? null : step.value;
    }
    return next;
  };
  const missing = (record: AuditRecordEntity, after: string): ExportedProblem => ({
    problem: 'record-missing',
    seq: record.seq,
    detail: `the database selects seq ${record.seq} (${record.eventType}, ${record.recordedAt.toISOString()}, hash ${record.hash}) for this filter up to seq ${headSeq}; ${after}`,
  });
  return {
    record: async ({ fields, hash }) => {
      let expected = await peek();
      while (holds === 'part' && expected && expected.seq < fields.seq) {
        next = undefined;
        expected = await peek();
      }
      if (expected && expected.seq < fields.seq) {
        return missing(expected, `the file has seq ${fields.seq} next`);
      }
      if (!expected || expected.seq > fields.seq) {
        return {
          problem: 'record-not-selected',
          seq: fields.seq,
          detail: `the filter re-run on the database up to seq ${headSeq} does not select seq ${fields.seq}`,
        };
      }
      next = undefined;
      return expected.hash === hash
        ? null
        : {
            problem: 'record-differs',
            seq: fields.seq,
            detail: `hash ${hash}, the database's record has ${expected.hash}`,
          };
    },
    end: async () => {
      if (holds === 'part') return null;
      const expected = await peek();
      return expected ? missing(expected, 'the file ends before it') : null;
    },
    close: async () => {
      await selected.return(undefined);
    },
  };
}
