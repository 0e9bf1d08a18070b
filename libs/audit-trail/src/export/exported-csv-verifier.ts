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

/** Why an exported record does not verify. */
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
  | 'head-mismatch';

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
 * Re-verifies an audit CSV export on its own, without the database: every record's payload
 * digest and hash are recomputed from its cells, and records with consecutive seqs must link
 * (prev_hash). A filtered export holds records far apart, so only those links are checked; the
 * first record's own position in the chain is vouched for by the database (`audit verify`) or a
 * kept head. Streams the file: constant memory.
 */
export async function verifyExportedCsv(
  input: Readable,
  /** For an export of the whole trail: the head its manifest pinned; every record up to it must be there. */
  wholeTrailHead?: { seq: number; hash: string },
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
      if (wholeTrailHead && fields.seq !== (last?.seq ?? 0) + 1) {
        return fail('records-missing', fields.seq, `seq ${fields.seq} after seq ${last?.seq ?? 0}`);
      }
      const digest = canonicalPayloadDigest(payloadCell);
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
      recordsChecked += 1;
      last = { seq: fields.seq, hash };
    }
  } catch (error) {
    return fail('malformed', null, (error as Error).message);
  }
  if (line === 0) return fail('malformed', null, 'the file is empty: no header');
  if (wholeTrailHead && (last?.seq !== wholeTrailHead.seq || last.hash !== wholeTrailHead.hash)) {
    return fail(
      'head-mismatch',
      last?.seq ?? null,
      `ends at ${last ? `seq ${last.seq} ${last.hash}` : 'no record'}; the manifest pinned seq ${wholeTrailHead.seq} ${wholeTrailHead.hash}`,
    );
  }
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

/** The digest of the payload cell, which must be canonical JSON already (as exported). */
function canonicalPayloadDigest(cell: string): string {
  try {
    const payload: unknown = JSON.parse(cell);
    return canonicalJson(payload) === cell ? payloadDigestOf(payload) : 'none (not canonical JSON)';
  } catch {
    return 'none (not JSON)';
  }
}
