import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { AuditRecordEntity } from '@docaxis/persistence/audit/audit-record.entity';
import { canonicalJson } from '../chain/canonical-json';

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
 * the payload as canonical JSON: the export can be re-verified offline.
 */
export async function writeAuditCsv(
  records: AsyncIterable<AuditRecordEntity>,
  out: Writable,
): Promise<number> {
  const csv = stringify({ header: true, columns: [...AUDIT_CSV_COLUMNS] });
  csv.pipe(out);
  let count = 0;
  for await (const record of records) {
    const row = [
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
    if (!csv.write(row)) await once(csv, 'drain');
    count += 1;
  }
  csv.end();
  await once(csv, 'end');
  return count;
}
