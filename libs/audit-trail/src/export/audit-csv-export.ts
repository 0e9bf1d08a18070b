import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { AuditRecordEntity } from '@docaxis/persistence/audit/audit-record.entity';
import { canonicalJson } from '../chain/canonical-json';
import { spreadsheetSafeCell } from './spreadsheet-safe-cell';

/** Columns of the CSV export, named as in the table; `payload` is its canonical JSON. */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'event_id',
  'event_type',
  'occurred_at',
  'recorded_at',
  'dispatch_id',
  'sender_code',
  'recipient_code',
  'actor',
  'payload',
  'payload_digest',
  'prev_hash',
  'hash',
] as const;

/**
 * Streams records as CSV (RFC 4180, header row, UTF-8) into `out`, honouring back-pressure, so
 * memory stays flat whatever the number of records. Every column the hash covers is written, with
 * the payload as canonical JSON: the export can be re-verified offline. Text an agency or a
 * certificate chose (actor, ids, codes) reaches the cells, so each cell is spreadsheet-safe: one
 * leading apostrophe to drop before re-hashing where spreadsheetSafeCell added it.
 */
export async function writeAuditCsv(
  records: AsyncIterable<AuditRecordEntity>,
  out: Writable,
): Promise<number> {
  let count = 0;
  async function* rows(): AsyncGenerator<string[]> {
    for await (const record of records) {
      const cells = [
        String(record.seq),
        record.eventId,
        record.eventType,
        record.occurredAt.toISOString(),
        record.recordedAt.toISOString(),
        record.dispatchId ?? '',
        record.senderCode ?? '',
        record.recipientCode ?? '',
        record.actor ?? '',
        canonicalJson(record.payload),
        record.payloadDigest,
        record.prevHash,
        record.hash,
      ];
      yield cells.map(spreadsheetSafeCell);
      count += 1;
    }
  }
  const reading = rows();
  try {
    // pipeline, not pipe: a destination that fails (an unwritable file, a client gone mid-export)
    // rejects here and stops the read, where pipe() would unpipe and leave the writer waiting for
    // a 'drain' that never comes, holding its database connection.
    await pipeline(reading, stringify({ header: true, columns: [...AUDIT_CSV_COLUMNS] }), out);
  } catch (failure) {
    // pipeline rejects as soon as the destination fails, while a read (a page query) may still be
    // in flight. Settle it and close the source first: a caller that closes the database on this
    // rejection would otherwise cut that query ("Query failed: Connection terminated").
    await reading.return(undefined).catch(() => undefined);
    throw failure;
  }
  return count;
}
