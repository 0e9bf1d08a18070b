import { extractPdfText } from '@docaxis/pdf-report/testing/pdf-text';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { appendAnnotation, flipByteInSignedRange } from '@docaxis/signature/testing/pdf-tampering';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { generateSpecDevPki } from '@docaxis/signature/verification/dev-pki-spec-fixture';
import { type PdfSignatureVerifier } from '@docaxis/signature/verification/pdf-signature-verifier';
import type { DocumentVerificationReport } from './document-verification-report';
import { renderVerificationReportPdf } from './verification-report-pdf';
import { createDevPkiPdfVerifier } from '@docaxis/signature/testing/dev-pki-verifier';

const G22 = '000.00.00.G22';
/** pdftotext may join or split words at line ends; compare with whitespace collapsed. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

/** The text of the report of one file, in that language. */
async function reportText(
  report: DocumentVerificationReport,
  language: 'vi' | 'en',
): Promise<string> {
  return flat(
    extractPdfText(
      await renderVerificationReportPdf([{ fileName: 'a.pdf', report }], { language }),
    ),
  );
}

describe('renderVerificationReportPdf', () => {
  let pki: DevPki;
  let verifier: PdfSignatureVerifier;
  let valid: DocumentVerificationReport;
  let tampered: DocumentVerificationReport;

  beforeAll(async () => {
    pki = await generateSpecDevPki('report-pdf');
    verifier = await createDevPkiPdfVerifier(pki);
    const pdf = await signedDispatchPdf(pki, G22);
    valid = await verifier.verify(pdf);
    tampered = await verifier.verify(flipByteInSignedRange(pdf));
  });

  it('writes a Vietnamese report with the verdict, both signers and the chain', async () => {
    const pdf = await renderVerificationReportPdf(
      [{ fileName: 'công-văn-123.pdf', report: valid }],
      {
        generatedAt: new Date('2026-11-23T08:00:00Z'),
      },
    );
    const text = flat(extractPdfText(pdf));
    const agency = pki.agency(G22);
    expect(text).toContain('Báo cáo kiểm tra chữ ký số');
    expect(text).toContain('Tệp: công-văn-123.pdf');
    // Vietnam time, UTC+7.
    expect(text).toContain('23/11/2026 15:00:00 (giờ Việt Nam)');
    expect(text).toContain('HỢP LỆ (TOTAL-PASSED)');
    expect(text).toContain('Chữ ký 1/2');
    expect(text).toContain('Chữ ký 2/2');
    expect(text).toContain(agency.leader.fullName);
    expect(text).toContain(`cơ quan: ${agency.name}`);
    expect(text).toContain(`mã định danh: ${G22}`);
    expect(text).toContain('Chuỗi chứng thư');
    expect(text).toContain(valid.signatures[1].chain[2].subject.split(',')[0]);
    expect(text).toContain('chưa bị thu hồi (CRL)');
    expect(text).toContain('theo thuộc tính đã ký');
    // A fingerprint is cut where the column ends.
    expect(text.replace(/\s/g, '')).toContain(valid.fileSha256);
    expect(text).toContain('Trang 1/');
  });

  it('writes the English report on request, failures and their findings included', async () => {
    const pdf = await renderVerificationReportPdf(
      [
        { fileName: 'valid.pdf', report: valid },
        { fileName: 'tampered.pdf', report: tampered },
      ],
      { language: 'en' },
    );
    const pages = extractPdfText(pdf).split('\f');
    const text = flat(pages.join(' '));
    expect(text).toContain('Digital signature verification report');
    expect(text).toContain('VALID (TOTAL-PASSED)');
    expect(text).toContain(
      'INVALID: the content was changed after signing (TOTAL-FAILED / HASH_FAILURE)',
    );
    expect(text).toContain('MESSAGE_DIGEST_MISMATCH');
    expect(text).toContain('Certificate chain');
    expect(text).not.toContain('Báo cáo');
    // Each file starts on a page of its own.
    const tamperedPage = pages.findIndex((page) => page.includes('File: tampered.pdf'));
    expect(tamperedPage).toBeGreaterThan(0);
    expect(pages[tamperedPage]).not.toContain('File: valid.pdf');
  });

  it('reports a file without signatures and with document findings', async () => {
    const broken = await verifier.verify(Buffer.from('not a pdf'));
    const text = flat(
      extractPdfText(await renderVerificationReportPdf([{ fileName: 'x.txt', report: broken }])),
    );
    expect(text).toContain('KHÔNG HỢP LỆ');
    expect(text).toContain('FORMAT_FAILURE');
    expect(text).toContain('PDF_NOT_A_PDF Tệp không phải là tệp PDF.');
    expect(text).toContain('Không có chữ ký nào được kiểm tra.');
  });

  it('words a revocation finding in Vietnamese from its explanation, in English as it was', async () => {
    const explanation = {
      kind: 'revoked-after-signing',
      certificate: { role: 'signer', subject: 'CN=Văn phòng', serialNumber: '0A1B' },
      revokedAt: '2026-11-14T00:00:00.000Z',
      reason: 'superseded',
      signingTime: '2026-11-04T00:00:00.000Z',
    } as const;
    const text = 'the signer certificate was revoked after the signature was made';
    const signature = valid.signatures[1];
    const report: DocumentVerificationReport = {
      ...valid,
      signatures: [
        {
          ...signature,
          revocation: { status: 'revoked', source: 'crl', note: 'revoked later', explanation },
          messages: [{ code: 'CERTIFICATE_REVOKED_AFTER_SIGNING', text, explanation }],
        },
      ],
    };
    const render = (language: 'vi' | 'en') => reportText(report, language);
    const vi = await render('vi');
    expect(vi).toContain('sau thời điểm ký 04/11/2026 07:00:00 (giờ Việt Nam); chữ ký vẫn hợp lệ');
    expect(vi).not.toMatch(/revoked after|revoked later/);
    const en = await render('en');
    expect(en).toContain(text);
    expect(en).toContain('revoked later');
  });

  it('words what each signature covers and what changed after it in Vietnamese, English unchanged', async () => {
    // Two signatures, then an annotation: the leader's signature is followed by two updates.
    const report = await verifier.verify(await appendAnnotation(await signedDispatchPdf(pki, G22)));
    const render = (language: 'vi' | 'en') => reportText(report, language);
    const vi = await render('vi');
    expect(vi).toContain('Ký bản sửa đổi thứ 2/4 của tệp (byte 0–');
    expect(vi).toContain('Ký bản sửa đổi thứ 3/4 của tệp');
    expect(vi).toContain('Trường chữ ký "Signature2" được thêm');
    expect(vi).toContain('Trang 1: chú thích /Text được thêm');
    expect(vi).toMatch(/\d+ đối tượng được thêm/);
    expect(vi).not.toMatch(/signs revision|object\(s\) added|signature field|annotation added/);
    const en = await render('en');
    expect(en).toContain('signs revision 2 of 4 (bytes 0–');
    expect(en).toContain('signature field "Signature2" added');
    expect(en).toContain('page 1: /Text annotation added');
    expect(en).toMatch(/\d+ object\(s\) added/);
    expect(en).not.toContain('bản sửa đổi');
  });
});
