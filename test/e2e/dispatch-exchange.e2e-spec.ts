import { buildUnsignedPdf } from '@docaxis/signature/testing/unsigned-pdf-builder';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { asAgency } from '@docaxis/testing/agency-client';
import { attachDispatch, envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';

const A = '000.00.00.G22'; // Văn phòng Chính phủ
const B = '000.00.00.H41'; // UBND tỉnh Nghệ An
const C = '000.00.14.H20'; // Sở TT&TT Đồng Tháp

/** Issue 2's end-to-end slice: A sends one dispatch with two signed PDFs to B and C. */
describe('a signed dispatch travels from one agency to two others (all four apps, real RabbitMQ and PostgreSQL)', () => {
  let axis: RunningAxis;
  let mainPdf: Buffer;
  let appendixPdf: Buffer;
  let dispatchId: string;
  let envelope: ReturnType<typeof envelopeJson>;

  beforeAll(async () => {
    axis = await startAxis('exchange');
    mainPdf = await signedDispatchPdf(axis.pki, A, {
      unsigned: { title: 'Công văn 05/VPCP-KSTT', lines: ['Văn bản chính'] },
    });
    // Appendixes are signed by the agency alone (NĐ 30/2020).
    appendixPdf = await signedDispatchPdf(axis.pki, A, {
      leader: false,
      pdf: await buildUnsignedPdf({ title: 'Phụ lục', lines: ['Danh sách cơ quan'], pages: 2 }),
    });
  });

  afterAll(async () => {
    await axis?.stop();
  });

  it('accepts the dispatch durably: 202 with its id', async () => {
    envelope = envelopeJson(A, [B, C]);
    const response = await attachDispatch(asAgency(axis, A).post('/dispatches'), envelope, [
      { name: 'cong-van.pdf', bytes: mainPdf },
      { name: 'phu-luc.pdf', bytes: appendixPdf },
    ]).set('Idempotency-Key', 'e2e-exchange-1');
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ state: 'accepted', replayed: false });
    expect(response.headers.location).toBe(`/api/v1/dispatches/${response.body.dispatchId}`);
    dispatchId = response.body.dispatchId;
  });

  it('verifies both PDFs and delivers into both inboxes; the sender follows each recipient', async () => {
    const view = await waitFor(
      async () => (await asAgency(axis, A).get(`/dispatches/${dispatchId}`)).body,
      (body) => body.recipients?.every((r: { state: string }) => r.state === 'delivered'),
      'delivery to B and C',
    );
    expect(view.state).toBe('routed');
    expect(view.rejection).toBeNull();
    expect(view.recipients.map((r: { agencyCode: string }) => r.agencyCode)).toEqual([B, C]);
    for (const file of view.files) {
      expect(file.verification.indication).toBe('TOTAL-PASSED');
    }
    const mainReport = view.files[0].verification;
    expect(mainReport.signatures).toHaveLength(2);
    expect(mainReport.signatures.map((s: { signer: { kind: string } }) => s.signer.kind)).toEqual([
      'person',
      'organization',
    ]);
    expect(mainReport.signatures[1].signer.agencyCode).toBe(A);
  });

  it.each([B, C])(
    'recipient %s finds it in its inbox, fetches byte-identical files, sees the report and acknowledges',
    async (recipient) => {
      const client = asAgency(axis, recipient);
      const inbox = await client.get('/inbox');
      expect(inbox.status).toBe(200);
      expect(inbox.body.items.map((i: { dispatchId: string }) => i.dispatchId)).toContain(
        dispatchId,
      );
      expect(inbox.body.nextCursor).toEqual(expect.any(String));

      const view = await client.get(`/dispatches/${dispatchId}`);
      expect(view.status).toBe(200);
      expect(view.body.senderCode).toBe(A);
      // A recipient sees its own delivery only.
      expect(view.body.recipients.map((r: { agencyCode: string }) => r.agencyCode)).toEqual([
        recipient,
      ]);
      expect(
        view.body.files.map(
          (f: { verification: { indication: string } }) => f.verification.indication,
        ),
      ).toEqual(['TOTAL-PASSED', 'TOTAL-PASSED']);

      const originals = [mainPdf, appendixPdf];
      for (const [index, file] of view.body.files.entries()) {
        const download = await client
          .get(`/dispatches/${dispatchId}/files/${file.id}`)
          .buffer(true)
          .parse((res, callback) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => callback(null, Buffer.concat(chunks)));
          });
        expect(download.status).toBe(200);
        expect(download.headers['content-type']).toBe('application/pdf');
        expect((download.body as Buffer).equals(originals[index])).toBe(true);
      }

      const ack = await client.post(`/dispatches/${dispatchId}/ack`);
      expect(ack.status).toBe(200);
      expect(ack.body).toMatchObject({ agencyCode: recipient, state: 'acknowledged' });
      // Acknowledging again changes nothing.
      expect((await client.post(`/dispatches/${dispatchId}/ack`)).body.state).toBe('acknowledged');
    },
  );

  it('shows every step in the audit trail, in order, recorded once each', async () => {
    const trail = await waitFor(
      async () => (await asAgency(axis, A).get(`/dispatches/${dispatchId}/trail`)).body,
      (body) =>
        body.entries?.filter((e: { eventType: string }) => e.eventType === 'dispatch.acknowledged')
          .length === 2,
      'both acknowledgements in the trail',
    );
    const steps = trail.entries.map((e: { eventType: string; recipientCode: string | null }) =>
      e.recipientCode ? `${e.eventType}@${e.recipientCode}` : e.eventType,
    );
    expect(steps.slice(0, 3)).toEqual([
      'dispatch.submitted',
      'dispatch.verified',
      'dispatch.routed',
    ]);
    for (const recipient of [B, C]) {
      const delivered = steps.indexOf(`dispatch.delivered@${recipient}`);
      const fetched = steps.indexOf(`dispatch.fetched@${recipient}`);
      const acknowledged = steps.indexOf(`dispatch.acknowledged@${recipient}`);
      expect(delivered).toBeGreaterThan(2);
      expect(fetched).toBeGreaterThan(delivered);
      expect(acknowledged).toBeGreaterThan(fetched);
    }
    expect(steps).toHaveLength(9); // submitted, verified, routed, 2 × (delivered, fetched, acknowledged)
    const seqs = trail.entries.map((e: { seq: number }) => e.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);

    // A recipient's view of the trail leaves out the other recipient's steps.
    const bTrail = (await asAgency(axis, B).get(`/dispatches/${dispatchId}/trail`)).body;
    expect(
      bTrail.entries.some((e: { recipientCode: string | null }) => e.recipientCode === C),
    ).toBe(false);
  });

  it('answers a replayed request with the original dispatch, never a second one', async () => {
    const same = await attachDispatch(asAgency(axis, A).post('/dispatches'), envelope, [
      { name: 'cong-van.pdf', bytes: mainPdf },
      { name: 'phu-luc.pdf', bytes: appendixPdf },
    ]).set('Idempotency-Key', 'e2e-exchange-1');
    expect(same.status).toBe(202);
    expect(same.body).toMatchObject({ dispatchId, replayed: true });
    expect(same.headers['idempotent-replayed']).toBe('true');

    const replay = await attachDispatch(
      asAgency(axis, A).post('/dispatches'),
      envelopeJson(A, [B, C]),
      [{ name: 'cong-van.pdf', bytes: mainPdf }],
    ).set('Idempotency-Key', 'e2e-exchange-1');
    // Same key, different content: a conflict, not a silent replay.
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const [{ count }] = await axis.db.query(`SELECT count(*)::int AS count FROM dispatches`);
    expect(count).toBe(1);
  });
});
