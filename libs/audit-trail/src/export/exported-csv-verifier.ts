import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import {
  payloadDigestOf,
  recordHashOf,
  type AuditRecordHashFields,
} from '../chain/audit-record-hash';
import { canonicalJson } from '../chain/canonical-json';
import { AUDIT_CSV_COLUMNS } from './audit-csv-export';
import { spreadsheetCellValue } from './spreadsheet-safe-cell';
import type {
  ExportCompletenessCheck,
  ExportedProblem,
  ExportedRecordProblem,
} from './export-completeness-check';

export type ExportedCsvVerification =
  | {
      ok: true;
      recordsChecked: number;
      linksChecked: number;
      last: { seq: number; hash: string } | null;
    }
  | {
      ok: false;
      problem: ExportedRecordProblem;
      /** The line of the file (1 is the header) and the record's seq where one was read. */
      line: number;
      seq: number | null;
      detail: string;
      recordsChecked: number;
    };

type Failure = Extract<ExportedCsvVerification, { ok: false }>;

/**
 * Re-verifies an audit CSV export: every record's payload digest and hash are recomputed from its
 * cells, and records with consecutive seqs must link (prev_hash). A filtered export holds records
 * far apart, so only those links are checked here; whether it holds every record it should is
 * `completeness`'s to say (the whole trail, its manifest's statement, the database's answer).
 * Streams the file: constant memory.
 */
export async function verifyExportedCsv(
  input: Readable,
  completeness?: ExportCompletenessCheck,
): Promise<ExportedCsvVerification> {
  try {
    return await verifyRows(input, completeness);
  } finally {
    await completeness?.close();
  }
}

async function verifyRows(
  input: Readable,
  completeness: ExportCompletenessCheck | undefined,
): Promise<ExportedCsvVerification> {
  const rows = input.pipe(parse({ relax_column_count: false }));
  let line = 0;
  let recordsChecked = 0;
  let linksChecked = 0;
  let last: { seq: number; hash: string } | null = null;
  const fail = (problem: ExportedRecordProblem, seq: number | null, detail: string): Failure => ({
    ok: false,
    problem,
    line,
    seq,
    detail,
    recordsChecked,
  });
  const failWith = (found: ExportedProblem): Failure =>
    fail(found.problem, found.seq, found.detail);
  try {
    for await (const cells of rows as AsyncIterable<string[]>) {
      line += 1;
      if (line === 1) {
        if (cells.join(',') !== AUDIT_CSV_COLUMNS.join(',')) {
          return fail('malformed', null, `the header is not ${AUDIT_CSV_COLUMNS.join(',')}`);
        }
        continue;
      }
      const record = recordOf(cells.map(spreadsheetCellValue));
      if (typeof record === 'string') return fail('malformed', null, record);
      const { fields, payloadCell, hash } = record;
      if (last && fields.seq <= last.seq) {
        return fail('out-of-order', fields.seq, `seq ${fields.seq} after seq ${last.seq}`);
      }
      const payload = canonicalPayload(payloadCell);
      const digest = payload.ok ? payloadDigestOf(payload.value) : payload.reason;
      if (digest !== fields.payloadDigest) {
        return fail(
          'payload-altered',
          fields.seq,
          `payload digest ${digest}, stored ${fields.payloadDigest}`,
        );
      }
      const recomputed = recordHashOf(fields);
      if (recomputed !== hash) {
        return fail('record-altered', fields.seq, `hash ${recomputed}, stored ${hash}`);
      }
      if (last && fields.seq === last.seq + 1) {
        if (fields.prevHash !== last.hash) {
          return fail(
            'link-broken',
            fields.seq,
            `prev_hash ${fields.prevHash}, record ${last.seq} has ${last.hash}`,
          );
        }
        linksChecked += 1;
      }
      const incomplete = await completeness?.record({ fields, payload: payload.value, hash });
      if (incomplete) return failWith(incomplete);
      recordsChecked += 1;
      last = { seq: fields.seq, hash };
    }
  } catch (error) {
    return fail('malformed', null, (error as Error).message);
  }
  if (line === 0) return fail('malformed', null, 'the file is empty: no header');
  const incomplete = await completeness?.end();
  if (incomplete) return failWith(incomplete);
  return { ok: true, recordsChecked, linksChecked, last };
}

function recordOf(
  cells: string[],
): { fields: AuditRecordHashFields; payloadCell: string; hash: string } | string {
  const [seq, eventId, eventType, occurredAt, recordedAt, dispatchId, sender, recipient, actor] =
    cells;
  const [payloadCell, payloadDigest, prevHash, hash] = cells.slice(9);
  const fields: AuditRecordHashFields = {
    seq: /^\d{1,16}$/.test(seq) ? Number(seq) : Number.NaN,
    eventId,
    eventType,
    occurredAt: new Date(occurredAt),
    recordedAt: new Date(recordedAt),
    // An empty cell is null: the export writes null so.
    dispatchId: dispatchId || null,
    senderCode: sender || null,
    recipientCode: recipient || null,
    actor: actor || null,
    payloadDigest,
    prevHash,
  };
  try {
    // Refuses what has no single encoding: a seq that is no number, an invalid instant, a
    // digest or link that is no SHA-256.
    recordHashOf(fields);
  } catch (error) {
    return `seq ${seq}: ${(error as Error).message}`;
  }
  return { fields, payloadCell, hash };
}

/** The payload a cell holds, which must be canonical JSON already (as exported). */
function canonicalPayload(
  cell: string,
): { ok: true; value: unknown } | { ok: false; reason: string; value: null } {
  try {
    const value: unknown = JSON.parse(cell);
    return canonicalJson(value) === cell
      ? { ok: true, value }
      : { ok: false, reason: 'none (not canonical JSON)', value: null };
  } catch {
    return { ok: false, reason: 'none (not JSON)', value: null };
  }
}
