import type { AuditRecordHashFields } from '../chain/audit-record-hash';

/** Why an exported record, or the export as a whole, does not verify. */
export type ExportedRecordProblem =
  /** Not the export's header, a row that does not parse, or a value no record can hold. */
  | 'malformed'
  /** The payload cell is not the canonical JSON of a payload with the stored digest. */
  | 'payload-altered'
  /** The record's hash does not cover its cells as they are. */
  | 'record-altered'
  /** Consecutive records (seq n, n + 1) that do not link. */
  | 'link-broken'
  /** A record that is not after the one before it in the file. */
  | 'out-of-order'
  /** A whole-trail export that skips records (or does not start at seq 1). */
  | 'records-missing'
  /** A whole-trail export that does not end at the head its manifest pinned. */
  | 'head-mismatch'
  /** A record the manifest's filter does not select, or one past the head it pinned. */
  | 'outside-filter'
  /** Fewer records than the manifest states: some were removed. */
  | 'incomplete'
  /** As many records as the manifest states or more, but not those (added or replaced). */
  | 'selection-mismatch'
  /** A record the filter, re-run on the database up to the pinned head, selects and the file lacks. */
  | 'record-missing'
  /** A record of the file that the filter, re-run on the database, does not select. */
  | 'record-not-selected'
  /** A record whose hash differs from the database's record of the same seq. */
  | 'record-differs';

/** A record of the export that re-hashed, as the completeness checks see it. */
export interface ExportedRecord {
  fields: AuditRecordHashFields;
  payload: unknown;
  hash: string;
}

export interface ExportedProblem {
  problem: ExportedRecordProblem;
  seq: number | null;
  detail: string;
}

/**
 * What an export must satisfy beyond every record re-hashing and consecutive records linking:
 * that it holds all the records it should (a whole trail, the records its manifest states, the
 * records the database selects). Records come in file order, each already re-hashed.
 */
export interface ExportCompletenessCheck {
  record(record: ExportedRecord): Promise<ExportedProblem | null>;
  /** After the last record: what is still missing. */
  end(): Promise<ExportedProblem | null>;
  /** Releases what the check holds (a database walk), however the verification ended. */
  close(): Promise<void>;
}

/** The checks one after the other: the first problem any of them finds. */
export function allChecks(checks: readonly ExportCompletenessCheck[]): ExportCompletenessCheck {
  const first = async (
    run: (check: ExportCompletenessCheck) => Promise<ExportedProblem | null>,
  ): Promise<ExportedProblem | null> => {
    for (const check of checks) {
      const problem = await run(check);
      if (problem) return problem;
    }
    return null;
  };
  return {
    record: (record) => first((check) => check.record(record)),
    end: () => first((check) => check.end()),
    close: async () => {
      for (const check of checks) await check.close();
    },
  };
}
