import type {
  DocumentVerificationReport,
  SignatureReport,
} from '@docaxis/signature/report/document-verification-report';
import { INDICATION_OF, type SubIndication } from '@docaxis/signature/report/sub-indication';
import { DispatchRejectionCode } from './dispatch-rejection';
import { judgeDispatchSignatures } from './dispatch-signature-policy';

const SENDER = '000.00.00.G22';

function signature(
  overrides: Partial<SignatureReport> & { agencyCode?: string; kind?: 'organization' | 'person' },
): SignatureReport {
  const { agencyCode = SENDER, kind = 'organization', ...rest } = overrides;
  return {
    index: 0,
    fieldName: 'Signature1',
    indication: 'TOTAL-PASSED',
    messages: [],
    signer: {
      subject: `CN=x, OU=${agencyCode}`,
      commonName: 'Văn phòng Chính phủ',
      agencyCode,
      kind,
      serialNumber: '01',
      issuer: 'CN=ca',
      fingerprintSha256: 'f',
    },
    chain: [],
    signingTimeSource: 'signed-attribute',
    digestAlgorithm: 'sha256',
    signatureAlgorithm: 'rsa-pkcs1',
    weakAlgorithm: false,
    revocation: { status: 'good', source: 'crl' },
    coverage: {
      byteRange: [0, 1, 2, 3],
      coversWholeFile: true,
      modificationsAfterSigning: 'none',
      details: [],
    },
    ...rest,
  };
}

function report(
  signatures: SignatureReport[],
  extra: Partial<DocumentVerificationReport> = {},
): DocumentVerificationReport {
  return {
    indication:
      signatures.every((s) => s.indication === 'TOTAL-PASSED') && signatures.length
        ? 'TOTAL-PASSED'
        : 'TOTAL-FAILED',
    fileSha256: 'a'.repeat(64),
    fileSize: 10,
    validationTime: '2026-11-23T00:00:00.000Z',
    messages: [],
    signatures,
    ...extra,
  };
}

const leader = signature({ kind: 'person', index: 0 });
const seal = signature({ index: 1 });

describe('judgeDispatchSignatures', () => {
  it('accepts files signed by the leader and by the sending agency', () => {
    expect(
      judgeDispatchSignatures(SENDER, [{ fileName: 'a.pdf', report: report([leader, seal]) }]),
    ).toBeNull();
  });

  it('refuses an unsigned PDF', () => {
    expect(
      judgeDispatchSignatures(SENDER, [
        {
          fileName: 'a.pdf',
          report: report([], { subIndication: 'NO_SIGNATURE' }),
        },
      ])?.code,
    ).toBe(DispatchRejectionCode.PdfUnsigned);
  });

  it('refuses a file that is not a readable PDF', () => {
    expect(
      judgeDispatchSignatures(SENDER, [
        { fileName: 'a.pdf', report: report([], { subIndication: 'FORMAT_FAILURE' }) },
      ])?.code,
    ).toBe(DispatchRejectionCode.PdfMalformed);
  });

  it('refuses when only the leader signed (no agency seal)', () => {
    expect(
      judgeDispatchSignatures(SENDER, [{ fileName: 'a.pdf', report: report([leader]) }])?.code,
    ).toBe(DispatchRejectionCode.AgencySignatureMissing);
  });

  it("refuses another agency's seal, naming that agency", () => {
    const rejection = judgeDispatchSignatures(SENDER, [
      { fileName: 'a.pdf', report: report([signature({ agencyCode: '000.00.00.H41' })]) },
    ]);
    expect(rejection?.code).toBe(DispatchRejectionCode.SignerNotSender);
    expect(rejection?.message).toContain('000.00.00.H41');
  });

  it('refuses when any file of the dispatch fails, even if the main one passes', () => {
    const good = { fileName: 'main.pdf', report: report([leader, seal]) };
    const bad = { fileName: 'appendix.pdf', report: report([]) };
    const rejection = judgeDispatchSignatures(SENDER, [good, bad]);
    expect(rejection?.code).toBe(DispatchRejectionCode.PdfUnsigned);
    expect(rejection?.message).toContain('appendix.pdf');
  });

  it.each<[SubIndication, DispatchRejectionCode]>([
    ['HASH_FAILURE', DispatchRejectionCode.SignatureHashMismatch],
    ['SIG_CRYPTO_FAILURE', DispatchRejectionCode.SignatureInvalid],
    ['NO_CERTIFICATE_CHAIN_FOUND', DispatchRejectionCode.CertificateUntrusted],
    ['EXPIRED', DispatchRejectionCode.CertificateExpired],
    ['OUT_OF_BOUNDS_NO_POE', DispatchRejectionCode.CertificateExpired],
    ['NOT_YET_VALID', DispatchRejectionCode.CertificateNotYetValid],
    ['REVOKED', DispatchRejectionCode.CertificateRevoked],
    ['REVOKED_NO_POE', DispatchRejectionCode.CertificateRevokedKeyCompromise],
    ['CHAIN_CONSTRAINTS_FAILURE', DispatchRejectionCode.CertificateNotAllowed],
    ['SIG_CONSTRAINTS_FAILURE', DispatchRejectionCode.CertificateNotAllowed],
    ['TRY_LATER', DispatchRejectionCode.RevocationUnknown],
  ])('maps a failed signature with %s to %s', (subIndication, code) => {
    const failed = signature({
      indication: INDICATION_OF[subIndication],
      subIndication,
    });
    expect(
      judgeDispatchSignatures(SENDER, [{ fileName: 'a.pdf', report: report([leader, failed]) }])
        ?.code,
    ).toBe(code);
  });

  it('refuses a signature whose certificate is on hold with CERTIFICATE_ON_HOLD, not as unavailable', () => {
    const held = signature({
      indication: 'INDETERMINATE',
      subIndication: 'TRY_LATER',
      messages: [
        { code: 'REVOCATION_UNKNOWN', text: 'revocation status of a CA certificate is unknown' },
        { code: 'CERTIFICATE_ON_HOLD', text: 'the signer certificate is on hold' },
      ],
    });
    const rejection = judgeDispatchSignatures(SENDER, [
      { fileName: 'a.pdf', report: report([leader, held]) },
    ]);
    expect(rejection?.code).toBe(DispatchRejectionCode.CertificateOnHold);
    expect(rejection?.code).toBe('CERTIFICATE_ON_HOLD');
    expect(rejection?.message).toContain('on hold');
  });

  const unavailable = signature({
    indication: 'INDETERMINATE',
    subIndication: 'TRY_LATER',
    messages: [{ code: 'REVOCATION_UNKNOWN', text: 'no CRL or OCSP answer' }],
  });

  it('returns REVOCATION_STATUS_UNAVAILABLE only when nothing else is wrong', () => {
    expect(
      judgeDispatchSignatures(SENDER, [
        { fileName: 'a.pdf', report: report([leader, unavailable]) },
      ])?.code,
    ).toBe(DispatchRejectionCode.RevocationUnknown);
  });

  it('gives a final reason before an unavailable revocation status, in the same file or a later one', () => {
    const broken = signature({
      index: 2,
      indication: 'TOTAL-FAILED',
      subIndication: 'SIG_CRYPTO_FAILURE',
    });
    expect(
      judgeDispatchSignatures(SENDER, [
        { fileName: 'a.pdf', report: report([unavailable, broken]) },
      ])?.code,
    ).toBe(DispatchRejectionCode.SignatureInvalid);
    expect(
      judgeDispatchSignatures(SENDER, [
        { fileName: 'a.pdf', report: report([leader, unavailable]) },
        { fileName: 'b.pdf', report: report([]) },
      ])?.code,
    ).toBe(DispatchRejectionCode.PdfUnsigned);
    const personOnly = signature({
      indication: 'INDETERMINATE',
      subIndication: 'TRY_LATER',
      kind: 'person',
    });
    expect(
      judgeDispatchSignatures(SENDER, [{ fileName: 'a.pdf', report: report([personOnly]) }])?.code,
    ).toBe(DispatchRejectionCode.AgencySignatureMissing);
  });

  it('reports content changed after signing as such, whatever the sub-indication', () => {
    const changed = signature({
      indication: 'TOTAL-FAILED',
      subIndication: 'FORMAT_FAILURE',
      coverage: {
        byteRange: [0, 1, 2, 3],
        coversWholeFile: false,
        modificationsAfterSigning: 'disallowed',
        details: ['page content changed'],
      },
    });
    expect(
      judgeDispatchSignatures(SENDER, [{ fileName: 'a.pdf', report: report([changed]) }])?.code,
    ).toBe(DispatchRejectionCode.DocumentModifiedAfterSigning);
  });

  it('refuses a passing signature made with a weak algorithm (SHA-1)', () => {
    const weak = signature({ weakAlgorithm: true, digestAlgorithm: 'sha1' });
    expect(
      judgeDispatchSignatures(SENDER, [{ fileName: 'a.pdf', report: report([weak]) }])?.code,
    ).toBe(DispatchRejectionCode.WeakAlgorithm);
  });
});

/**
 * Each code's words, both languages, as the sender's clerk reads them: English in `message`
 * (unchanged since it was the only language), Vietnamese in `messageVi`.
 */
describe('judgeDispatchSignatures words every rejection in English and Vietnamese', () => {
  const EN = 'Signature #1 (Văn phòng Chính phủ) on "a.pdf"';
  const VI = 'Chữ ký số thứ 1 (Văn phòng Chính phủ) trên tệp "a.pdf"';

  function failed(subIndication: SubIndication, extra: Partial<SignatureReport> = {}) {
    return report([
      signature({ indication: INDICATION_OF[subIndication], subIndication, ...extra }),
    ]);
  }

  it.each<[string, DocumentVerificationReport, DispatchRejectionCode, string, string]>([
    [
      'an unsigned file',
      report([], { subIndication: 'NO_SIGNATURE' }),
      DispatchRejectionCode.PdfUnsigned,
      `"a.pdf" carries no digital signature; sign it with the agency's certificate of the dedicated CA.`,
      'Tệp "a.pdf" không có chữ ký số; đề nghị ký số tệp bằng chứng thư số chuyên dùng của cơ quan do Cơ quan chứng thực số chuyên dùng Chính phủ cấp.',
    ],
    [
      'an unreadable file',
      report([], { subIndication: 'FORMAT_FAILURE' }),
      DispatchRejectionCode.PdfMalformed,
      '"a.pdf" is not a readable PDF.',
      'Tệp "a.pdf" không phải là tệp PDF hợp lệ, không đọc được.',
    ],
    [
      'a malformed signature',
      failed('FORMAT_FAILURE'),
      DispatchRejectionCode.PdfMalformed,
      `${EN}: the signature is malformed (FORMAT_FAILURE).`,
      `${VI}: chữ ký số không đúng cấu trúc (FORMAT_FAILURE).`,
    ],
    [
      'altered signed bytes',
      failed('HASH_FAILURE'),
      DispatchRejectionCode.SignatureHashMismatch,
      `${EN}: the signed bytes were altered.`,
      `${VI}: nội dung được ký đã bị thay đổi.`,
    ],
    [
      'a signature value that does not verify',
      failed('SIG_CRYPTO_FAILURE'),
      DispatchRejectionCode.SignatureInvalid,
      `${EN}: the signature value does not verify.`,
      `${VI}: giá trị chữ ký số không hợp lệ, không khớp với chứng thư số.`,
    ],
    [
      'a document changed after signing',
      failed('HASH_FAILURE', {
        coverage: {
          byteRange: [0, 1, 2, 3],
          coversWholeFile: false,
          modificationsAfterSigning: 'disallowed',
          details: [],
        },
      }),
      DispatchRejectionCode.DocumentModifiedAfterSigning,
      `${EN}: the document was changed after it was signed.`,
      `${VI}: văn bản đã bị sửa đổi sau khi ký.`,
    ],
    [
      'an untrusted certificate',
      failed('NO_CERTIFICATE_CHAIN_FOUND'),
      DispatchRejectionCode.CertificateUntrusted,
      `${EN}: the certificate does not chain to the dedicated government root CA.`,
      `${VI}: chứng thư số không thuộc hệ thống chứng thực chữ ký số chuyên dùng Chính phủ (không xác lập được chuỗi chứng thư số tới chứng thư số gốc).`,
    ],
    [
      'an expired certificate',
      failed('EXPIRED'),
      DispatchRejectionCode.CertificateExpired,
      `${EN}: the certificate had expired at signing time.`,
      `${VI}: chứng thư số đã hết hiệu lực tại thời điểm ký.`,
    ],
    [
      'an expired certificate, the signing time only claimed',
      failed('OUT_OF_BOUNDS_NO_POE'),
      DispatchRejectionCode.CertificateExpired,
      `${EN}: the certificate has expired, and no signature timestamp proves the signature was made while it was valid; re-sign with a valid certificate.`,
      `${VI}: chứng thư số đã hết hiệu lực và không có dấu thời gian chứng minh chữ ký được tạo khi chứng thư còn hiệu lực; hãy ký lại bằng chứng thư còn hiệu lực.`,
    ],
    [
      'a certificate not yet valid',
      failed('NOT_YET_VALID'),
      DispatchRejectionCode.CertificateNotYetValid,
      `${EN}: the certificate was not yet valid at signing time.`,
      `${VI}: chứng thư số chưa có hiệu lực tại thời điểm ký.`,
    ],
    [
      'a revoked certificate',
      failed('REVOKED'),
      DispatchRejectionCode.CertificateRevoked,
      `${EN}: the certificate was revoked before signing.`,
      `${VI}: chứng thư số đã bị thu hồi trước thời điểm ký.`,
    ],
    [
      'a certificate revoked for a key compromise',
      failed('REVOKED_NO_POE'),
      DispatchRejectionCode.CertificateRevokedKeyCompromise,
      `${EN}: the certificate was revoked for a key compromise (or without a reason), so its claimed signing time proves nothing; re-sign with a valid certificate.`,
      `${VI}: chứng thư số đã bị thu hồi do lộ khóa bí mật (hoặc không nêu lý do) nên thời điểm ký do người ký khai báo không có giá trị chứng minh; đề nghị ký số lại bằng chứng thư số còn hiệu lực.`,
    ],
    [
      'a certificate on hold',
      failed('TRY_LATER', { messages: [{ code: 'CERTIFICATE_ON_HOLD', text: 'on hold' }] }),
      DispatchRejectionCode.CertificateOnHold,
      `${EN}: the certificate is on hold (suspended by its CA): it is neither valid nor revoked until the CA releases or revokes it; send the dispatch again once it is released, or re-sign with a valid certificate.`,
      `${VI}: chứng thư số đang bị tổ chức cấp chứng thư số tạm dừng: trong thời gian tạm dừng, chứng thư số không có hiệu lực nhưng cũng chưa bị thu hồi; đề nghị gửi lại văn bản khi chứng thư số được khôi phục, hoặc ký số lại bằng chứng thư số còn hiệu lực.`,
    ],
    [
      'a certificate not allowed for document signatures',
      failed('CHAIN_CONSTRAINTS_FAILURE'),
      DispatchRejectionCode.CertificateNotAllowed,
      `${EN}: the certificate may not be used for document signatures.`,
      `${VI}: chứng thư số không được phép sử dụng để ký số văn bản.`,
    ],
    [
      'a weak algorithm',
      report([signature({ weakAlgorithm: true, digestAlgorithm: 'sha1' })]),
      DispatchRejectionCode.WeakAlgorithm,
      `${EN} uses sha1, which is too weak.`,
      `${VI} sử dụng thuật toán sha1, không còn bảo đảm an toàn.`,
    ],
    [
      'a revocation status no source gave',
      failed('TRY_LATER'),
      DispatchRejectionCode.RevocationUnknown,
      `${EN}: the certificate's revocation status could not be established (no CRL or OCSP source answered while the axis kept trying); send the dispatch again once the CA's revocation sources are reachable.`,
      `${VI}: không xác định được tình trạng thu hồi của chứng thư số (không có nguồn CRL hoặc OCSP nào phản hồi trong thời gian hệ thống kiểm tra lại); đề nghị gửi lại văn bản khi các nguồn tra cứu tình trạng thu hồi của tổ chức cấp chứng thư số hoạt động trở lại.`,
    ],
    [
      "another agency's seal",
      report([signature({ agencyCode: '000.00.00.H41' })]),
      DispatchRejectionCode.SignerNotSender,
      `"a.pdf" is signed by agency 000.00.00.H41, not by the sender ${SENDER}.`,
      `Tệp "a.pdf" mang chữ ký số của cơ quan có mã định danh 000.00.00.H41, không phải của cơ quan gửi ${SENDER}.`,
    ],
    [
      'no seal of the sending agency',
      report([leader]),
      DispatchRejectionCode.AgencySignatureMissing,
      `"a.pdf" lacks the signature of agency ${SENDER}'s organization certificate (chữ ký số của cơ quan).`,
      `Tệp "a.pdf" chưa có chữ ký số của cơ quan ${SENDER} (ký bằng chứng thư số của cơ quan, tổ chức).`,
    ],
  ])('words %s', (_case, fileReport, code, message, messageVi) => {
    expect(judgeDispatchSignatures(SENDER, [{ fileName: 'a.pdf', report: fileReport }])).toEqual({
      code,
      message,
      messageVi,
    });
  });
});
