import { flipByteInSignedRange, truncate } from '@docaxis/signature/testing/pdf-tampering';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { anonymous, asAgency } from '@docaxis/testing/agency-client';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';

const A = '000.00.00.G22';

/** A clerk checks PDFs outside any dispatch: POST /api/v1/verify. */
describe('POST /api/v1/verify (clerk verification)', () => {
  let axis: RunningAxis;
  let valid: Buffer;

  beforeAll(async () => {
    axis = await startAxis('verify');
    valid = await signedDispatchPdf(axis.pki, A);
  });

  afterAll(async () => {
    await axis?.stop();
  });

  it('reports a valid, a tampered and a broken PDF with their own verdicts, in one call', async () => {
    const response = await asAgency(axis, '000.00.00.H41')
      .post('/verify')
      .attach('files', valid, { filename: 'valid.pdf', contentType: 'application/pdf' })
      .attach('files', flipByteInSignedRange(valid), {
        filename: 'tampered.pdf',
        contentType: 'application/pdf',
      })
      .attach('files', truncate(valid, 2000), {
        filename: 'truncated.pdf',
        contentType: 'application/pdf',
      });
    expect(response.status).toBe(200);
    const [ok, tampered, truncated] = response.body.reports;
    expect(ok).toMatchObject({ fileName: 'valid.pdf', indication: 'TOTAL-PASSED' });
    expect(
      ok.signatures.map((s: { signer: { kind: string; agencyCode: string } }) => s.signer),
    ).toEqual([
      expect.objectContaining({ kind: 'person', agencyCode: A }),
      expect.objectContaining({ kind: 'organization', agencyCode: A }),
    ]);
    expect(tampered).toMatchObject({ fileName: 'tampered.pdf', indication: 'TOTAL-FAILED' });
    expect(tampered.signatures.map((s: { subIndication?: string }) => s.subIndication)).toContain(
      'HASH_FAILURE',
    );
    expect(truncated).toMatchObject({
      fileName: 'truncated.pdf',
      indication: 'TOTAL-FAILED',
      subIndication: 'FORMAT_FAILURE',
    });
  });

  it('needs a client certificate and at least one file', async () => {
    expect(
      (await anonymous(axis).post('/verify').attach('files', valid, 'a.pdf')).body.error.code,
    ).toBe('CLIENT_CERTIFICATE_REQUIRED');
    const empty = await asAgency(axis, A).post('/verify').field('note', 'no files');
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('FILES_MISSING');
  });
});
