import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { generateDevPki } from '@docaxis/signature/pki/dev-pki-generator';
import { loadDevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { CrlRevocationChecker } from '@docaxis/signature/revocation/crl-revocation-checker';
import { DirectoryCrlSource } from '@docaxis/signature/revocation/directory-crl-source';
import { FirstConclusiveRevocationChecker } from '@docaxis/signature/revocation/first-conclusive-revocation-checker';
import {
  freeLoopbackPort,
  startOpensslOcspResponder,
  type OpensslOcspResponder,
} from '@docaxis/signature/testing/openssl-ocsp-responder';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { SPEC_AGENCIES } from '@docaxis/signature/verification/dev-pki-spec-fixture';
import { PdfSignatureVerifier } from '@docaxis/signature/verification/pdf-signature-verifier';
import { testRunDir } from '@docaxis/testing/test-run';
import { postOcspRequest, type OcspTransport } from './ocsp-http-transport';
import { OcspRevocationChecker } from './ocsp-revocation-checker';
import { devPkiTrustStore } from '@docaxis/signature/testing/dev-pki-verifier';

const G22 = '000.00.00.G22';
const DAY = 24 * 60 * 60 * 1000;

/**
 * docaxis' OCSP client against a real `openssl ocsp` responder on loopback, for a dev PKI whose
 * end-entity certificates name that responder in authorityInfoAccess. The CRL folder holds only
 * the root's CRL (for the issuing CA certificate), so every signer's status comes from OCSP.
 */
describe('OcspRevocationChecker against openssl ocsp', () => {
  let pki: DevPki;
  let dir: string;
  let port: number;
  let responder: OpensslOcspResponder | undefined;
  let rootCrlOnly: DirectoryCrlSource;

  const verifierWith = (ocsp: OcspRevocationChecker): PdfSignatureVerifier =>
    new PdfSignatureVerifier({
      trustStore: devPkiTrustStore(pki),
      revocation: new FirstConclusiveRevocationChecker([
        ocsp,
        new CrlRevocationChecker([rootCrlOnly]),
      ]),
    });

  const restart = async (options: {
    signWithIssuer?: boolean;
    nextUpdateMinutes?: number;
  }): Promise<void> => {
    await responder?.stop();
    responder = await startOpensslOcspResponder({ pki, port, workDir: dir, ...options });
  };

  beforeAll(async () => {
    port = await freeLoopbackPort();
    dir = mkdtempSync(join(testRunDir(), 'ocsp-'));
    const outDir = join(dir, 'pki');
    await generateDevPki({ outDir, agencies: SPEC_AGENCIES, ocspUrl: `http://127.0.0.1:${port}` });
    pki = loadDevPki(outDir);
    const crlDir = join(dir, 'root-crl-only');
    mkdirSync(crlDir);
    copyFileSync(pki.crl('root-ca').derPath, join(crlDir, 'root-ca.crl'));
    rootCrlOnly = await DirectoryCrlSource.load(crlDir);
    await restart({ nextUpdateMinutes: 10 });
  });

  afterAll(async () => {
    await responder?.stop();
  });

  it('passes a leader + agency dispatch on the responder delegated by the issuing CA', async () => {
    const report = await verifierWith(new OcspRevocationChecker()).verify(
      await signedDispatchPdf(pki, G22),
    );
    expect(report.indication).toBe('TOTAL-PASSED');
    for (const signature of report.signatures) {
      expect(signature.revocation).toMatchObject({ status: 'good', source: 'ocsp' });
    }
  });

  it('fails a seal whose certificate was revoked before the signing time: REVOKED', async () => {
    const report = await verifierWith(new OcspRevocationChecker()).verify(
      await signedDispatchPdf(pki, G22, { organization: pki.special('revoked-organization') }),
    );
    expect(`${report.indication}/${report.subIndication}`).toBe('TOTAL-FAILED/REVOKED');
    expect(report.signatures[1].revocation).toMatchObject({
      status: 'revoked',
      source: 'ocsp',
      reason: 'keyCompromise',
    });
  });

  it('passes, with a note, a seal made before its certificate was superseded', async () => {
    const report = await verifierWith(new OcspRevocationChecker()).verify(
      await signedDispatchPdf(pki, G22, {
        leader: false,
        organization: pki.special('superseded-organization'),
        signingTime: new Date(Date.now() - 20 * DAY),
      }),
    );
    expect(report.indication).toBe('TOTAL-PASSED');
    expect(report.signatures[0].revocation).toMatchObject({
      status: 'revoked',
      source: 'ocsp',
      reason: 'superseded',
    });
    expect(report.signatures[0].messages.map((m) => m.code)).toContain(
      'CERTIFICATE_REVOKED_AFTER_SIGNING',
    );
  });

  it('refuses a seal only claimed before a keyCompromise revocation: REVOKED_NO_POE', async () => {
    const report = await verifierWith(new OcspRevocationChecker()).verify(
      await signedDispatchPdf(pki, G22, {
        leader: false,
        organization: pki.special('revoked-organization'),
        signingTime: new Date(Date.now() - 20 * DAY),
      }),
    );
    expect(`${report.indication}/${report.subIndication}`).toBe('INDETERMINATE/REVOKED_NO_POE');
    expect(report.signatures[0].revocation).toMatchObject({
      source: 'ocsp',
      reason: 'keyCompromise',
    });
    expect(report.signatures[0].messages.map((m) => m.code)).toContain(
      'CERTIFICATE_REVOKED_KEY_COMPROMISE',
    );
  });

  it("gives a seal on hold (revoked, certificateHold) the CRL path's verdict: INDETERMINATE / TRY_LATER, CERTIFICATE_ON_HOLD", async () => {
    // Claimed 20 days ago, before the hold began: a hold is undecided whatever time is claimed.
    const pdf = await signedDispatchPdf(pki, G22, {
      leader: false,
      organization: pki.special('held-organization'),
      signingTime: new Date(Date.now() - 20 * DAY),
    });
    const byOcsp = await verifierWith(new OcspRevocationChecker()).verify(pdf);
    expect(byOcsp.signatures[0].revocation).toMatchObject({
      status: 'revoked',
      source: 'ocsp',
      reason: 'certificateHold',
    });
    // The same PKI's issuing CA CRL holds the same seal: both paths must judge it alike.
    const byCrl = await new PdfSignatureVerifier({
      trustStore: devPkiTrustStore(pki),
      revocation: new CrlRevocationChecker([await DirectoryCrlSource.load(pki.crlDir)]),
    }).verify(pdf);
    expect(byCrl.signatures[0].revocation).toMatchObject({
      status: 'revoked',
      source: 'crl',
      reason: 'certificateHold',
    });
    const verdict = (report: typeof byOcsp) => ({
      indication: `${report.indication}/${report.subIndication}`,
      codes: report.signatures[0].messages.map((m) => m.code).sort(),
    });
    expect(verdict(byOcsp)).toEqual(verdict(byCrl));
    expect(verdict(byOcsp).indication).toBe('INDETERMINATE/TRY_LATER');
    expect(verdict(byOcsp).codes).toContain('CERTIFICATE_ON_HOLD');
    expect(verdict(byOcsp).codes).not.toContain('CERTIFICATE_REVOKED');
  });

  it('accepts a response signed by the issuing CA itself, without nextUpdate while it is fresh', async () => {
    await restart({ signWithIssuer: true });
    try {
      const report = await verifierWith(new OcspRevocationChecker()).verify(
        await signedDispatchPdf(pki, G22, { leader: false }),
      );
      expect(report.indication).toBe('TOTAL-PASSED');
      expect(report.signatures[0].revocation.source).toBe('ocsp');
      // The same answer, judged an hour later, is too old without a nextUpdate.
      const late = await verifierWith(
        new OcspRevocationChecker({ maxAgeWithoutNextUpdateMs: 60_000 }),
      ).verify(await signedDispatchPdf(pki, G22, { leader: false }), {
        validationTime: new Date(Date.now() + 60 * 60 * 1000),
      });
      expect(`${late.indication}/${late.subIndication}`).toBe('INDETERMINATE/TRY_LATER');
    } finally {
      await restart({ nextUpdateMinutes: 10 });
    }
  });

  it('is INDETERMINATE / TRY_LATER, never PASSED, when no revocation data can be had', async () => {
    const pdf = await signedDispatchPdf(pki, G22);
    await responder?.stop();
    responder = undefined;
    try {
      const report = await verifierWith(new OcspRevocationChecker({ timeoutMs: 2_000 })).verify(
        pdf,
      );
      expect(`${report.indication}/${report.subIndication}`).toBe('INDETERMINATE/TRY_LATER');
      expect(report.signatures[0].messages.map((m) => m.code)).toContain('REVOCATION_UNKNOWN');
      expect(report.signatures[0].revocation.note).toMatch(/OCSP/);
    } finally {
      await restart({ nextUpdateMinutes: 10 });
    }
  });

  it('refuses a response signed by a certificate the issuer did not make a responder', async () => {
    // The agency's TLS client certificate is issued by the issuing CA but lacks OCSPSigning.
    await responder?.stop();
    responder = await startOpensslOcspResponderWith(pki.agency(G22).client);
    try {
      const report = await verifierWith(new OcspRevocationChecker()).verify(
        await signedDispatchPdf(pki, G22, { leader: false }),
      );
      expect(`${report.indication}/${report.subIndication}`).toBe('INDETERMINATE/TRY_LATER');
      expect(report.signatures[0].revocation.note).toMatch(/lacks id-kp-OCSPSigning/);
    } finally {
      await restart({ nextUpdateMinutes: 10 });
    }
  });

  it('refuses a replayed response (nonce of another request) and caches good answers', async () => {
    const captured: Buffer[] = [];
    const recording: OcspTransport = async (url, request, limits) => {
      const response = await postOcspRequest(url, request, limits);
      captured.push(response);
      return response;
    };
    const pdf = await signedDispatchPdf(pki, G22, { leader: false });
    const caching = new OcspRevocationChecker({ transport: recording });
    expect((await verifierWith(caching).verify(pdf)).indication).toBe('TOTAL-PASSED');
    expect((await verifierWith(caching).verify(pdf)).indication).toBe('TOTAL-PASSED');
    expect(captured).toHaveLength(1);

    const replaying: OcspTransport = () => Promise.resolve(captured[0]);
    const report = await verifierWith(new OcspRevocationChecker({ transport: replaying })).verify(
      pdf,
    );
    expect(`${report.indication}/${report.subIndication}`).toBe('INDETERMINATE/TRY_LATER');
    expect(report.signatures[0].revocation.note).toMatch(/nonce mismatch/);
  });

  it('asks again after at most its maximum cache age, however far the nextUpdate', async () => {
    await restart({ nextUpdateMinutes: 24 * 60 });
    try {
      let requests = 0;
      const counting: OcspTransport = (url, request, limits) => {
        requests += 1;
        return postOcspRequest(url, request, limits);
      };
      let now = Date.now();
      const checker = new OcspRevocationChecker({ transport: counting, now: () => now });
      const pdf = await signedDispatchPdf(pki, G22, { leader: false });
      expect((await verifierWith(checker).verify(pdf)).indication).toBe('TOTAL-PASSED');
      now += 14 * 60 * 1000;
      expect((await verifierWith(checker).verify(pdf)).indication).toBe('TOTAL-PASSED');
      expect(requests).toBe(1);
      now += 2 * 60 * 1000;
      expect((await verifierWith(checker).verify(pdf)).indication).toBe('TOTAL-PASSED');
      expect(requests).toBe(2);
    } finally {
      await restart({ nextUpdateMinutes: 10 });
    }
  });

  function startOpensslOcspResponderWith(signer: {
    certPath: string;
    keyPath: string;
  }): Promise<OpensslOcspResponder> {
    return startOpensslOcspResponder({ pki, port, workDir: dir, signer, nextUpdateMinutes: 10 });
  }
});
