import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DevPki, DevPkiCredential } from '@docaxis/signature/pki/dev-pki-loader';
import type { DocumentVerificationReport } from '@docaxis/signature/report/document-verification-report';
import { CrlRevocationChecker } from '@docaxis/signature/revocation/crl-revocation-checker';
import { DirectoryCrlSource } from '@docaxis/signature/revocation/directory-crl-source';
import { writeDevIssuingCaCrl } from '@docaxis/signature/testing/dev-issuing-ca-crl';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { generateSpecDevPki } from './dev-pki-spec-fixture';
import { PdfSignatureVerifier } from './pdf-signature-verifier';
import {
  createDevPkiPdfVerifier,
  devPkiTrustStore,
} from '@docaxis/signature/testing/dev-pki-verifier';

const G22 = '000.00.00.G22';
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function verdict(report: DocumentVerificationReport): string {
  return `${report.indication}${report.subIndication ? `/${report.subIndication}` : ''}`;
}

/**
 * The verifier memoises what repeats for every document of the same signers (parsed certificates,
 * issuer signatures, certificate paths, CRL signatures). A wrong "valid" is the worst outcome, so
 * these specs warm every cache with a passing verification first and then prove that revocation
 * is still decided afresh: for another certificate of the same chain, after the CRL folder is
 * reloaded with a CRL that revokes a certificate which just passed, and per signing time.
 */
describe('revocation is never masked by what the verifier memoised', () => {
  let pki: DevPki;
  const now = new Date();

  beforeAll(async () => {
    pki = await generateSpecDevPki('revocation-caching', now);
  });

  it('catches a revoked seal of the same chain after a passing dispatch warmed the caches', async () => {
    const verifier = await createDevPkiPdfVerifier(pki);
    const valid = await signedDispatchPdf(pki, G22);
    const revoked = await signedDispatchPdf(pki, G22, {
      organization: pki.special('revoked-organization'),
    });
    for (let round = 0; round < 3; round += 1) {
      expect(verdict(await verifier.verify(valid))).toBe('TOTAL-PASSED');
      expect(verdict(await verifier.verify(revoked))).toBe('TOTAL-FAILED/REVOKED');
    }
  });

  describe('with a CRL folder that is reloaded', () => {
    let crlDir: string;
    let source: DirectoryCrlSource;
    let verifier: PdfSignatureVerifier;
    let crlNumber = 100;

    /** Replaces the issuing CA's CRL in the folder (signed with the issuing CA's real key). */
    const publishIssuingCrl = (
      revoked: { credential: DevPkiCredential; at: Date; reason?: 'superseded' }[],
    ): void => {
      crlNumber += 1;
      writeDevIssuingCaCrl(pki, crlDir, {
        // Each new CRL is newer than the last, as a CA publishes them.
        thisUpdate: new Date(now.getTime() - HOUR + crlNumber * 1000),
        nextUpdate: new Date(now.getTime() + 7 * DAY),
        crlNumber,
        revoked: revoked.map(({ credential, at, reason }) => ({
          serialNumber: Buffer.from(credential.serialNumberHex, 'hex'),
          revocationDate: at,
          reason: reason ?? 'keyCompromise',
        })),
      });
    };

    beforeEach(async () => {
      crlDir = join(pki.dir, '..', `reloaded-crl-${crlNumber}`);
      mkdirSync(crlDir, { recursive: true });
      publishIssuingCrl([]);
      source = await DirectoryCrlSource.load(crlDir);
      verifier = new PdfSignatureVerifier({
        trustStore: devPkiTrustStore(pki),
        revocation: new CrlRevocationChecker([source]),
      });
    });

    it('fails a seal that passed before the reload once the new CRL revokes it', async () => {
      const seal = pki.agency(G22).organization;
      const pdf = await signedDispatchPdf(pki, G22);
      expect(verdict(await verifier.verify(pdf))).toBe('TOTAL-PASSED');
      expect(verdict(await verifier.verify(pdf))).toBe('TOTAL-PASSED');

      publishIssuingCrl([{ credential: seal, at: new Date(now.getTime() - 30 * MINUTE) }]);
      // Not yet reloaded: the folder as loaded still says good.
      expect(verdict(await verifier.verify(pdf))).toBe('TOTAL-PASSED');
      await source.reload();
      const report = await verifier.verify(pdf);
      expect(verdict(report)).toBe('TOTAL-FAILED/REVOKED');
      expect(report.signatures[1].revocation).toMatchObject({
        status: 'revoked',
        source: 'crl',
        reason: 'keyCompromise',
      });
      // The leader's signature (another certificate) is unaffected.
      expect(report.signatures[0].indication).toBe('TOTAL-PASSED');
    });

    it('decides per signing time: the same revoked certificate before and after its revocation', async () => {
      const seal = pki.agency(G22).organization;
      // superseded: the time rule applies (a key compromise voids the claimed time: below).
      publishIssuingCrl([
        { credential: seal, at: new Date(now.getTime() - 30 * MINUTE), reason: 'superseded' },
      ]);
      await source.reload();
      const signedBefore = await signedDispatchPdf(pki, G22, {
        leader: false,
        // The agency's certificates are an hour old: signed 50 minutes ago, revoked 30 minutes ago.
        signingTime: new Date(now.getTime() - 50 * MINUTE),
      });
      const signedAfter = await signedDispatchPdf(pki, G22, { leader: false });
      for (const order of [
        [signedBefore, signedAfter],
        [signedAfter, signedBefore],
      ]) {
        for (const pdf of order) {
          const report = await verifier.verify(pdf);
          if (pdf === signedBefore) {
            expect(verdict(report)).toBe('TOTAL-PASSED');
            expect(report.signatures[0].messages.map((m) => m.code)).toContain(
              'CERTIFICATE_REVOKED_AFTER_SIGNING',
            );
          } else {
            expect(verdict(report)).toBe('TOTAL-FAILED/REVOKED');
          }
        }
      }
    });

    it('refuses the claim of a signature before a key compromise, after warm caches too', async () => {
      const seal = pki.agency(G22).organization;
      const claimedBefore = await signedDispatchPdf(pki, G22, {
        leader: false,
        signingTime: new Date(now.getTime() - 50 * MINUTE),
      });
      expect(verdict(await verifier.verify(claimedBefore))).toBe('TOTAL-PASSED');
      publishIssuingCrl([
        { credential: seal, at: new Date(now.getTime() - 30 * MINUTE), reason: 'superseded' },
      ]);
      await source.reload();
      expect(verdict(await verifier.verify(claimedBefore))).toBe('TOTAL-PASSED');
      // The CA learns the key was compromised: the same entry, now with that reason.
      publishIssuingCrl([{ credential: seal, at: new Date(now.getTime() - 30 * MINUTE) }]);
      await source.reload();
      expect(verdict(await verifier.verify(claimedBefore))).toBe('INDETERMINATE/REVOKED_NO_POE');
    });

    it('re-reads the folder by itself once its CRLs are older than refreshAfterMs', async () => {
      let clock = 1_000_000;
      const refreshing = await DirectoryCrlSource.load(crlDir, {
        refreshAfterMs: MINUTE,
        now: () => clock,
      });
      const refreshingVerifier = new PdfSignatureVerifier({
        trustStore: devPkiTrustStore(pki),
        revocation: new CrlRevocationChecker([refreshing]),
      });
      const seal = pki.agency(G22).organization;
      const pdf = await signedDispatchPdf(pki, G22);
      expect(verdict(await refreshingVerifier.verify(pdf))).toBe('TOTAL-PASSED');

      publishIssuingCrl([{ credential: seal, at: new Date(now.getTime() - 30 * MINUTE) }]);
      clock += MINUTE - 1;
      expect(verdict(await refreshingVerifier.verify(pdf))).toBe('TOTAL-PASSED');
      clock += 1;
      expect(verdict(await refreshingVerifier.verify(pdf))).toBe('TOTAL-FAILED/REVOKED');

      // A folder that cannot be read on a refresh keeps what was loaded, and says so.
      rmSync(crlDir, { recursive: true, force: true });
      clock += MINUTE;
      expect(verdict(await refreshingVerifier.verify(pdf))).toBe('TOTAL-FAILED/REVOKED');
      expect(refreshing.problems.map((p) => p.file)).toContain(crlDir);
    });

    it('passes again once a reloaded CRL no longer lists the certificate (removeFromCRL)', async () => {
      const seal = pki.agency(G22).organization;
      const pdf = await signedDispatchPdf(pki, G22);
      publishIssuingCrl([{ credential: seal, at: new Date(now.getTime() - 30 * MINUTE) }]);
      await source.reload();
      expect(verdict(await verifier.verify(pdf))).toBe('TOTAL-FAILED/REVOKED');
      publishIssuingCrl([]);
      await source.reload();
      expect(verdict(await verifier.verify(pdf))).toBe('TOTAL-PASSED');
    });
  });
});
