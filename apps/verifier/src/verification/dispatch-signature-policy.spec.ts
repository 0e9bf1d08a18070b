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
