import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import type { SignatureReport } from '@docaxis/signature/report/document-verification-report';
import { reportMessageVi } from '@docaxis/signature/report/wording/report-message.vi';
import { createDevPkiPdfVerifier } from '@docaxis/signature/testing/dev-pki-verifier';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { generateSpecDevPki } from './dev-pki-spec-fixture';
import type { PdfSignatureVerifier } from './pdf-signature-verifier';

const G22 = '000.00.00.G22';
const DAY = 24 * 60 * 60 * 1000;

function verdict(signature: SignatureReport): string {
  return `${signature.indication}/${signature.subIndication ?? ''}`;
}

describe('a certificate expired at validation time, the signing time only claimed', () => {
  let pki: DevPki;
  let verifier: PdfSignatureVerifier;

  beforeAll(async () => {
    pki = await generateSpecDevPki('expired-without-proof');
    verifier = await createDevPkiPdfVerifier(pki);
  });

  it('is INDETERMINATE / OUT_OF_BOUNDS_NO_POE: the holder of its key can claim any time', async () => {
    // Its CA need not list it any more once expired (RFC 5280 §3.3), so nothing shows a
    // compromise: a signing time claimed inside its validity proves nothing.
    const expired = pki.special('expired-organization');
    const pdf = await signedDispatchPdf(pki, G22, {
      leader: false,
      organization: expired,
      signingTime: new Date(expired.notAfter.getTime() - DAY),
    });
    const [seal] = (await verifier.verify(pdf)).signatures;
    expect(verdict(seal)).toBe('INDETERMINATE/OUT_OF_BOUNDS_NO_POE');
    expect(seal.messages.map((m) => m.code)).toContain('CERTIFICATE_EXPIRED_NO_POE');
  });

  it('is TOTAL-FAILED / EXPIRED, said once, with a signing time claimed after the expiry', async () => {
    // The path validation fails it at the claimed time: "no timestamp proves it was made before"
    // would only repeat that, with a weaker verdict.
    const pdf = await signedDispatchPdf(pki, G22, {
      leader: false,
      organization: pki.special('expired-organization'),
    });
    const [seal] = (await verifier.verify(pdf)).signatures;
    expect(verdict(seal)).toBe('TOTAL-FAILED/EXPIRED');
    const codes = seal.messages.map((m) => m.code);
    expect(codes).toContain('CERTIFICATE_EXPIRED');
    expect(codes).not.toContain('CERTIFICATE_EXPIRED_NO_POE');
    // Judged at its signing time, and said so.
    const message = seal.messages.find((m) => m.code === 'CERTIFICATE_EXPIRED')!;
    expect(message.text).toContain(`(signing time ${seal.signingTime})`);
    expect(reportMessageVi(message)).toBe('Một chứng thư trong chuỗi đã hết hạn tại thời điểm ký.');
  });

  it('is TOTAL-FAILED / EXPIRED at the time of validation without a signing time, and says so', async () => {
    const pdf = await signedDispatchPdf(pki, G22, {
      leader: false,
      organization: pki.special('expired-organization'),
      organizationSignOptions: { includeSigningTime: false },
    });
    const report = await verifier.verify(pdf);
    const [seal] = report.signatures;
    expect(verdict(seal)).toBe('TOTAL-FAILED/EXPIRED');
    expect(seal.signingTimeSource).toBe('none');
    const message = seal.messages.find((m) => m.code === 'CERTIFICATE_EXPIRED')!;
    expect(message.text).toContain(`at the time of validation, ${report.validationTime}`);
    expect(message.text).not.toContain('(signing time');
    expect(reportMessageVi(message)).toBe(
      'Một chứng thư trong chuỗi đã hết hạn tại thời điểm kiểm tra (chữ ký không ghi thời điểm ký).',
    );
  });

  it('is judged at the claimed time while the certificate is still valid', async () => {
    const pdf = await signedDispatchPdf(pki, G22, {
      leader: false,
      signingTime: new Date(pki.agency(G22).organization.notBefore.getTime() + 1000),
    });
    const [seal] = (await verifier.verify(pdf)).signatures;
    expect(verdict(seal)).toBe('TOTAL-PASSED/');
  });
});
