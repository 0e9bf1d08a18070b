import { asAgency } from '@docaxis/testing/agency-client';
import { sendAndDeliver } from '@docaxis/testing/dispatch-delivery';
import { attachDispatch, envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';

const A = '000.00.00.G22'; // sender
const B = '000.00.00.H41'; // receives the original and the replacement
const C = '000.00.14.H20'; // receives the original only
const D = '000.00.00.H14'; // never received the original

/** An update: the sender sends a replacement that references the original (all four apps). */
describe('update by replacement (real RabbitMQ and PostgreSQL)', () => {
  let axis: RunningAxis;
  let original: string;
  let originalDocumentId: string;
  let replacement: string;
  const reason = 'Sửa sai sót về nội dung tại Điều 2';

  beforeAll(async () => {
    axis = await startAxis('update');
    original = await sendAndDeliver(axis, A, [B, C]);
    const view = (await asAgency(axis, A).get(`/dispatches/${original}`)).body;
    originalDocumentId = view.documentId;
    // Same number and notation as the original: a replacement may keep them.
    replacement = await sendAndDeliver(axis, A, [B], {
      code: view.envelope.code,
      replaces: { documentId: originalDocumentId, reason },
    });
    // Starts the axis and delivers two dispatches one after the other (up to 45 s each).
  }, 240_000);

  afterAll(async () => {
    await axis?.stop();
  });

  it('the recipient sees the link from the replacement to the original', async () => {
    const view = (await asAgency(axis, B).get(`/dispatches/${replacement}`)).body;
    expect(view.replaces).toEqual({ dispatchId: original, documentId: originalDocumentId, reason });
    expect(view.replacedBy).toEqual([]);
  });

  it('the original shows its replacement to the sender and to recipients who got it, not to others', async () => {
    const link = { dispatchId: replacement, documentId: expect.any(String), reason };
    const forSender = (await asAgency(axis, A).get(`/dispatches/${original}`)).body;
    expect(forSender.replacedBy).toEqual([link]);
    expect(forSender.replaces).toBeNull();
    expect((await asAgency(axis, B).get(`/dispatches/${original}`)).body.replacedBy).toEqual([
      link,
    ]);
    expect((await asAgency(axis, C).get(`/dispatches/${original}`)).body.replacedBy).toEqual([]);
  });

  it("the sender's list shows what the replacement replaces", async () => {
    const sent = (await asAgency(axis, A).get('/dispatches?role=sent')).body;
    expect(sent.items[0]).toMatchObject({ dispatchId: replacement, replacesDispatchId: original });
  });

  it('refuses a replacement of a document the axis never accepted from the sender', async () => {
    const pdf = await signedDispatchPdf(axis.pki, A);
    const unknown = await attachDispatch(
      asAgency(axis, A).post('/dispatches'),
      envelopeJson(A, [B], { replaces: { documentId: `${A},2026/01/01,1/VPCP-KSTT` } }),
      [{ name: 'van-ban.pdf', bytes: pdf }],
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('REPLACED_DISPATCH_UNKNOWN');

    const foreign = await attachDispatch(
      asAgency(axis, A).post('/dispatches'),
      envelopeJson(A, [B], { replaces: { documentId: `${B},2026/01/01,1/UBND-VX` } }),
      [{ name: 'van-ban.pdf', bytes: pdf }],
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe('ENVELOPE_INVALID');
    expect(JSON.stringify(foreign.body.error.details)).toContain('replaces.documentId');
  });

  it('refuses a replacement addressed to an agency the document was never sent to, in either language', async () => {
    const pdf = await signedDispatchPdf(axis.pki, A);
    const replacing = () =>
      attachDispatch(
        asAgency(axis, A).post('/dispatches'),
        envelopeJson(A, [B, D], { replaces: { documentId: originalDocumentId, reason } }),
        [{ name: 'van-ban.pdf', bytes: pdf }],
      );
    const refused = await replacing();
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'REPLACEMENT_RECIPIENT_NOT_ORIGINAL',
      details: { documentId: originalDocumentId, recipients: [D] },
    });
    expect(refused.body.error.message).toContain('không phải là nơi nhận');
    const english = await replacing().query({ lang: 'en' });
    expect(english.body.error.message).toContain('was not sent to');
    const sent = (await asAgency(axis, A).get('/dispatches?role=sent')).body;
    expect(sent.items[0].dispatchId).toBe(replacement);

    // C had the original, not the first replacement, which kept the original's document id.
    const forC = await attachDispatch(
      asAgency(axis, A).post('/dispatches'),
      envelopeJson(A, [C], { replaces: { documentId: originalDocumentId, reason } }),
      [{ name: 'van-ban.pdf', bytes: pdf }],
    );
    expect(forC.status).toBe(202);
  });
});
