import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Response } from 'superagent';
import { extractPdfText } from '@docaxis/pdf-report/testing/pdf-text';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { asAgency, asAuditor, asClerk } from '@docaxis/testing/agency-client';
import { attachDispatch, envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { temporaryDirectories } from '@docaxis/testing/temporary-directories';
import { waitFor } from '@docaxis/testing/wait-for';
import { runCliCaptured } from '../../apps/cli/src/testing/captured-cli-run';

/** supertest parser collecting the raw body (CSV and PDF alike). */
function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

const temporaryDirectory = temporaryDirectories();

const A = '000.00.00.G22';
const B = '000.00.00.H41';

/** Issue 5: auditors verify, search, follow and export the trail of a real exchange. */
describe('the audit trail for auditors (all apps, real RabbitMQ and PostgreSQL)', () => {
  let axis: RunningAxis;
  let dispatchId: string;

  beforeAll(async () => {
    axis = await startAxis('audit', {
      AUDIT_CHECKPOINT_EVERY_RECORDS: '2',
      AUDIT_CHECKPOINT_POLL_MS: '100',
      AUDIT_CHECKPOINT_EVERY_MS: '300',
    });
    const pdf = await signedDispatchPdf(axis.pki, A, {
      unsigned: { title: 'Công văn 12/VPCP-KSTT', lines: ['Văn bản chính'] },
    });
    const response = await attachDispatch(
      asAgency(axis, A).post('/dispatches'),
      envelopeJson(A, [B]),
      [{ name: 'cong-van.pdf', bytes: pdf }],
    );
    expect(response.status).toBe(202);
    dispatchId = response.body.dispatchId;
    await waitFor(
      async () => (await asAuditor(axis).get(`/audit/dispatches/${dispatchId}/timeline`)).body,
      (body) =>
        body.entries?.some((e: { eventType: string }) => e.eventType === 'dispatch.delivered'),
      'the delivery recorded in the audit trail',
    );
    // B reports "Đã đến" (01): an agency status notice for the timeline and the statistics.
    const notice = await asAgency(axis, B)
      .post(`/dispatches/${dispatchId}/status`)
      .send({
        noticeId: 'H41-AUDIT-1',
        code: '01',
        staff: { department: 'Văn thư', staff: 'Lê Thị Hoa' },
        timestamp: new Date().toISOString(),
      });
    expect(notice.status).toBe(201);
    await waitFor(
      async () => (await asAuditor(axis).get(`/audit/dispatches/${dispatchId}/timeline`)).body,
      (body) => body.entries?.some((e: { source: string }) => e.source === 'agency-status'),
      'the status notice recorded in the audit trail',
    );
    await waitFor(
      async () => (await asAuditor(axis).get('/audit/verify')).body,
      (body) => body.checkpoint !== null && body.checkpoint.headSeq === body.head?.seq,
      'a checkpoint of the head',
    );
    // Starts the axis and awaits a delivery, a status notice and a checkpoint (up to 45 s each).
  }, 240_000);

  afterAll(async () => {
    await axis?.stop();
  });

  it('admits auditors only', async () => {
    for (const client of [asAgency(axis, A), asClerk(axis, A)]) {
      for (const path of [
        '/audit/verify',
        '/audit/events',
        '/audit/statistics',
        '/audit/export',
        '/audit/export/manifest',
      ]) {
        expect((await client.get(path)).status).toBe(403);
      }
    }
    // Agencies read trails only of dispatches they are party to (the parties' own route).
    expect((await asAgency(axis, A).get(`/dispatches/${dispatchId}/trail`)).status).toBe(200);
    expect((await asAgency(axis, B).get(`/dispatches/${dispatchId}/trail`)).status).toBe(200);
    const outsider = await asAgency(axis, '000.00.14.H20').get(`/dispatches/${dispatchId}/trail`);
    expect([403, 404]).toContain(outsider.status);
  });

  it('verifies the trail with its signed checkpoints', async () => {
    const response = await asAuditor(axis).get('/audit/verify?from=genesis');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      ok: true,
      fromSeq: 1,
      checkpointsChecked: expect.any(Number) as unknown,
      checkpoint: { signerSubject: expect.stringContaining('AXIS') as unknown },
      scope: { from: 'genesis', firstSeq: 1, notReverified: null },
    });
    // By default only the records from the latest checkpoint on are walked, and the answer says so.
    const incremental = await asAuditor(axis).get('/audit/verify');
    const latest = incremental.body.scope.startCheckpoint.headSeq as number;
    expect(incremental.body).toMatchObject({
      ok: true,
      fromSeq: latest,
      scope: {
        from: 'checkpoint',
        startCheckpoint: { signerSubject: expect.stringContaining('AXIS') as unknown },
        firstSeq: latest,
        notReverified: latest > 1 ? { fromSeq: 1, toSeq: latest - 1 } : null,
      },
    });
    const chosen = await asAuditor(axis).get(`/audit/verify?checkpoint=${latest}`);
    expect(chosen.body).toMatchObject({
      ok: true,
      scope: { startCheckpoint: { headSeq: latest } },
    });
    const unknown = await asAuditor(axis).get('/audit/verify?checkpoint=999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('AUDIT_CHECKPOINT_NOT_FOUND');
    const both = await asAuditor(axis).get('/audit/verify?from=genesis&checkpoint=1');
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe('AUDIT_QUERY_INVALID');
    const range = await asAuditor(axis).get('/audit/verify?from=2&to=3');
    expect(range.body).toMatchObject({ ok: true, fromSeq: 2, recordsChecked: 2 });
    const bad = await asAuditor(axis).get('/audit/verify?from=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('AUDIT_QUERY_INVALID');
  });

  it('searches by dispatch, agency, type, number and notation, with a cursor', async () => {
    const auditor = asAuditor(axis);
    const byDispatch = await auditor.get(`/audit/events?dispatchId=${dispatchId}&limit=2`);
    expect(byDispatch.status).toBe(200);
    expect(byDispatch.body.events).toHaveLength(2);
    const next = await auditor.get(
      `/audit/events?dispatchId=${dispatchId}&limit=2&cursor=${byDispatch.body.nextCursor}`,
    );
    expect(next.body.events[0].seq).toBeLessThan(byDispatch.body.events[1].seq);
    const delivered = await auditor.get(`/audit/events?agency=${B}&type=dispatch.delivered`);
    expect(delivered.body.events).toEqual([
      expect.objectContaining({ dispatchId, recipientCode: B, eventType: 'dispatch.delivered' }),
    ]);
    const [row] = await axis.db.query(
      'SELECT code_number, code_notation FROM dispatches WHERE id = $1',
      [dispatchId],
    );
    const byNumber = await auditor
      .get('/audit/events')
      .query({ number: row.code_number, notation: row.code_notation, state: 'routed' });
    expect(byNumber.body.events.length).toBeGreaterThan(0);
    expect(
      byNumber.body.events.every((e: { dispatchId: string }) => e.dispatchId === dispatchId),
    ).toBe(true);
    const none = await auditor.get('/audit/events').query({ number: '999999', notation: 'X' });
    expect(none.body).toEqual({ events: [], nextCursor: null });
    const badCursor = await auditor.get('/audit/events?cursor=nonsense');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.code).toBe('AUDIT_QUERY_INVALID');
  });

  it('shows the dispatch timeline in chain order and per-agency statistics', async () => {
    const timeline = await asAuditor(axis).get(`/audit/dispatches/${dispatchId}/timeline`);
    const seqs = timeline.body.entries.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(timeline.body.entries[0]).toMatchObject({
      eventType: 'dispatch.submitted',
      source: 'axis',
    });
    const stats = await asAuditor(axis).get(`/audit/statistics?agency=${A}`);
    expect(stats.body.agencies).toEqual([
      expect.objectContaining({ agencyCode: A, sent: 1, deliveriesRequested: 1, delivered: 1 }),
    ]);
    const received = await asAuditor(axis).get(`/audit/statistics?agency=${B}`);
    expect(received.body.agencies[0]).toMatchObject({
      agencyCode: B,
      received: 1,
      overdue: 0,
      avgSecondsToFirstStatus: expect.any(Number) as unknown,
    });
    expect(
      timeline.body.entries.filter((e: { source: string }) => e.source === 'agency-status'),
    ).toEqual([
      expect.objectContaining({
        eventType: 'status.noticed',
        recipientCode: B,
        details: expect.objectContaining({
          body: expect.objectContaining({ statusCode: '01' }) as unknown,
        }) as unknown,
      }),
    ]);
  });

  it('exports CSV that parses back to the records, stating head and checkpoint', async () => {
    const response = await asAuditor(axis)
      .get(`/audit/export?format=csv&dispatchId=${dispatchId}`)
      .buffer(true)
      .parse(binary);
    expect(response.status).toBe(200);
    expect(response.headers['x-audit-chain-head']).toMatch(/^\d+:[0-9a-f]{64}$/);
    expect(response.headers['x-audit-checkpoint']).toMatch(/^\d+:[0-9a-f]{64}:/);
    // Verified from the latest signed checkpoint, as /audit/verify: the header says so.
    expect(response.headers['x-audit-verification-scope']).toMatch(
      /^from=checkpoint; checkpoint=\d+; reverified=\d+-\d+; not-reverified=(1-\d+|none)$/,
    );
    const rows = parse<Record<string, string>>(response.body as Buffer, { columns: true });
    const search = await asAuditor(axis).get(`/audit/events?dispatchId=${dispatchId}&limit=500`);
    expect(rows.map((r) => Number(r.seq))).toEqual(
      search.body.events.map((e: { seq: number }) => e.seq).reverse(),
    );
    expect(rows[0]).toMatchObject({ dispatch_id: dispatchId, event_type: 'dispatch.submitted' });
    expect(JSON.parse(rows[0].payload)).toEqual(search.body.events.at(-1).details);
  });

  it('verifies an export from genesis on request, refusing a start it cannot use', async () => {
    const full = await asAuditor(axis)
      .get(`/audit/export?format=csv&dispatchId=${dispatchId}&verifyFrom=genesis`)
      .buffer(true)
      .parse(binary);
    expect(full.status).toBe(200);
    const head = Number(String(full.headers['x-audit-chain-head']).split(':')[0]);
    expect(full.headers['x-audit-verification-scope']).toBe(
      `from=genesis; reverified=1-${head}; not-reverified=none`,
    );
    const unknown = await asAuditor(axis).get('/audit/export?checkpoint=999999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('AUDIT_CHECKPOINT_NOT_FOUND');
    for (const query of ['verifyFrom=head', 'verifyFrom=genesis&checkpoint=2']) {
      const refused = await asAuditor(axis).get(`/audit/export?${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('AUDIT_QUERY_INVALID');
    }
  });

  it('exports a PDF report in Vietnamese by default and in English on request', async () => {
    const vi = await asAuditor(axis)
      .get(`/audit/export?format=pdf&agency=${A}`)
      .buffer(true)
      .parse(binary);
    expect(vi.status).toBe(200);
    expect(vi.headers['content-type']).toBe('application/pdf');
    const head = String(vi.headers['x-audit-chain-head']).split(':')[1];
    const text = extractPdfText(vi.body as Buffer).replace(/\s+/g, ' ');
    expect(text).toContain('Báo cáo nhật ký kiểm toán trục liên thông văn bản');
    expect(text).toContain('Điểm kiểm soát đã ký dùng để đối chiếu');
    expect(text).toContain('Hợp lệ');
    expect(text.replace(/ /g, '')).toContain(head);
    const en = await asAuditor(axis)
      .get(`/audit/export?format=pdf&lang=en&agency=${A}`)
      .buffer(true)
      .parse(binary);
    expect(extractPdfText(en.body as Buffer)).toContain('Document axis audit trail report');
  });

  it("gives an export its manifest, pinned to the export's head, that verify-export holds it to", async () => {
    const csv = await asAuditor(axis)
      .get(`/audit/export?format=csv&agency=${A}`)
      .buffer(true)
      .parse(binary);
    const head = String(csv.headers['x-audit-chain-head']);
    const [headSeq, headHash] = head.split(':');
    const rows: string[][] = parse(csv.body as Buffer).slice(1);
    const manifest = await asAuditor(axis).get(`/audit/export/manifest?agency=${A}&head=${head}`);
    expect(manifest.status).toBe(200);
    expect(manifest.headers['content-disposition']).toContain('audit-events.manifest.json');
    expect(manifest.body).toMatchObject({
      v: 'docaxis-audit-export-manifest/2',
      filter: { agencyCode: A },
      head: { seq: Number(headSeq), hash: headHash },
      selection: { count: rows.length, lastSeq: Number(rows.at(-1)![0]) },
      verification: { ok: true },
    });
    const dir = temporaryDirectory('audit-api-manifest-');
    const files = { csv: join(dir, 'g22.csv'), manifest: join(dir, 'g22.manifest.json') };
    writeFileSync(files.csv, csv.body as Buffer);
    writeFileSync(files.manifest, JSON.stringify(manifest.body));
    const verified = await runCliCaptured(
      ['audit', 'verify-export', files.csv, '--manifest', files.manifest],
      { DOCAXIS_LANG: 'en' },
    );
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`as its manifest states: ${rows.length} records`);

    // By a recipient's current status: named, and no selection stated.
    const byStatus = await asAuditor(axis).get(`/audit/export/manifest?status=01&head=${head}`);
    expect(byStatus.status).toBe(200);
    expect(byStatus.body).toMatchObject({
      filter: {},
      filterNotRecheckable: { statusCode: '01' },
      selection: null,
    });
    const unknown = await asAuditor(axis).get(
      `/audit/export/manifest?head=${headSeq}:${'0'.repeat(64)}`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('AUDIT_EXPORT_HEAD_NOT_FOUND');
    const malformed = await asAuditor(axis).get('/audit/export/manifest?head=latest');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('AUDIT_QUERY_INVALID');
  });

  it('pinpoints a record altered as the superuser with the trigger bypassed', async () => {
    await axis.db.transaction(async (manager) => {
      await manager.query('SET LOCAL session_replication_role = replica');
      await manager.query(`UPDATE audit_records SET actor = 'forger' WHERE seq = 2`);
    });
    const response = await asAuditor(axis).get('/audit/verify?from=genesis');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      ok: false,
      seq: 2,
      problem: 'ALTERED',
      message: 'Record 2 changed after it was recorded: its stored hash does not match its fields.',
      explanation: { kind: 'record-altered', seq: 2 },
      recordsChecked: 1,
    });
    // The Vietnamese PDF words the problem from its explanation, not the English message.
    const pdf = await asAuditor(axis)
      .get('/audit/export?format=pdf&verifyFrom=genesis')
      .buffer(true)
      .parse(binary);
    const text = extractPdfText(pdf.body as Buffer).replace(/\s+/g, ' ');
    expect(text).toContain(
      'KHÔNG hợp lệ từ bản ghi số 2 (ALTERED): Bản ghi số 2 đã bị thay đổi sau khi ghi',
    );
    expect(text).not.toContain('changed after it was recorded');
  });
});
