import type request from 'supertest';
import { extractPdfText } from '@docaxis/pdf-report/testing/pdf-text';
import { flipByteInSignedRange, truncate } from '@docaxis/signature/testing/pdf-tampering';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { anonymous, asAgency, asClerk } from '@docaxis/testing/agency-client';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';

const A = '000.00.00.G22';

/** The response body as bytes (the PDF report). */
function asBytes(test: request.Test): request.Test {
  return test.buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

const flat = (text: string): string => text.replace(/\s+/g, ' ');

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
    expect(response.headers.vary).toMatch(/(^|,\s*)Accept(\s*,|$)/); // the same URL answers a PDF report too
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

  it('answers Accept: application/pdf with the readable report, Vietnamese by default', async () => {
    const response = await asBytes(
      asClerk(axis, A)
        .post('/verify')
        .set('Accept', 'application/pdf')
        .attach('files', valid, { filename: 'công-văn.pdf', contentType: 'application/pdf' })
        .attach('files', flipByteInSignedRange(valid), {
          filename: 'tampered.pdf',
          contentType: 'application/pdf',
        }),
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/pdf/);
    expect(response.headers['content-language']).toBe('vi');
    expect(response.headers.vary).toMatch(/^Accept, Accept-Language$/);
    const body = response.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = flat(extractPdfText(body));
    expect(text).toContain('Báo cáo kiểm tra chữ ký số');
    expect(text).toContain('Tệp: công-văn.pdf');
    expect(text).toContain('HỢP LỆ (TOTAL-PASSED)');
    expect(text).toContain('KHÔNG HỢP LỆ: nội dung đã bị thay đổi sau khi ký');
    expect(text).toContain(axis.pki.agency(A).leader.fullName);
    expect(text).toContain('Chuỗi chứng thư');
    expect(text).toContain('TEST Dedicated Government Root CA');
  });

  it('writes the PDF report in English on ?lang=en or Accept-Language: en, refuses other languages', async () => {
    for (const ask of [
      (test: request.Test) => test.query({ lang: 'en' }),
      (test: request.Test) => test.set('Accept-Language', 'en-GB, vi;q=0.5'),
    ]) {
      const response = await asBytes(
        ask(asClerk(axis, A).post('/verify').set('Accept', 'application/pdf')).attach(
          'files',
          valid,
          { filename: 'valid.pdf', contentType: 'application/pdf' },
        ),
      );
      expect(response.status).toBe(200);
      expect(response.headers['content-language']).toBe('en');
      expect(response.headers.vary).toMatch(/\bAccept-Language\b/);
      const text = flat(extractPdfText(response.body as Buffer));
      expect(text).toContain('Digital signature verification report');
      expect(text).toContain('VALID (TOTAL-PASSED)');
    }
    const refused = await asClerk(axis, A)
      .post('/verify')
      .query({ lang: 'fr' })
      .set('Accept', 'application/pdf')
      .attach('files', valid, { filename: 'valid.pdf', contentType: 'application/pdf' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('REPORT_LANGUAGE_INVALID');
  });
});
