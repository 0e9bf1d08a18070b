import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { DevPkiCredential } from '@docaxis/signature/pki/dev-pki-loader';
import { writeDevIssuingCaCrl } from '@docaxis/signature/testing/dev-issuing-ca-crl';
import { join } from 'node:path';
import fc from 'fast-check';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { CrlRevocationChecker } from '@docaxis/signature/revocation/crl-revocation-checker';
import { DirectoryCrlSource } from '@docaxis/signature/revocation/directory-crl-source';
import { CertificatePathBuilder } from '@docaxis/signature/trust/certificate-path-builder';
import { SignerCertificateValidator } from '@docaxis/signature/verification/signer-certificate-validator';
import type { SignatureTimestamper } from '@docaxis/signature/testing/cms-signed-data-builder';
import { opensslTimestamper } from '@docaxis/signature/testing/openssl-timestamp-authority';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { generateSpecDevPki } from '@docaxis/signature/verification/dev-pki-spec-fixture';
import { type PdfSignatureVerifier } from '@docaxis/signature/verification/pdf-signature-verifier';
import { SignatureTimestampValidator } from './signature-timestamp-validator';
import {
  createDevPkiPdfVerifier,
  devPkiTrustStore,
} from '@docaxis/signature/testing/dev-pki-verifier';

const G22 = '000.00.00.G22';
const DAY = 24 * 60 * 60 * 1000;

/**
 * RFC 3161 signature timestamps made by `openssl ts -reply` with the dev PKI's TEST TSA: verified
 * by docaxis, cross-checked with `openssl ts -verify`, and used as the signing time.
 */
describe('signature timestamps (RFC 3161)', () => {
  let pki: DevPki;
  let verifier: PdfSignatureVerifier;
  let dir: string;
  let tsa: SignatureTimestamper;

  beforeAll(async () => {
    pki = await generateSpecDevPki('timestamp');
    verifier = await createDevPkiPdfVerifier(pki);
    dir = mkdtempSync(join(pki.dir, '..', 'tsa-work-'));
    tsa = opensslTimestamper(pki, dir);
  });

  /** openssl's own verdict on a token over `data`. */
  function opensslVerifies(token: Buffer, data: Buffer): boolean {
    const work = mkdtempSync(join(dir, 'verify-'));
    writeFileSync(join(work, 'token.der'), token);
    writeFileSync(join(work, 'data.bin'), data);
    return (
      spawnSync('openssl', [
        'ts',
        '-verify',
        '-token_in',
        '-in',
        join(work, 'token.der'),
        '-data',
        join(work, 'data.bin'),
        '-CAfile',
        pki.root.certPath,
        '-untrusted',
        pki.issuing.certPath,
      ]).status === 0
    );
  }

  it('uses a valid timestamp as the signing time; openssl ts -verify accepts the same tokens', async () => {
    const issued: { signature: Buffer; token: Buffer }[] = [];
    const recording: SignatureTimestamper = (signature) => {
      const token = tsa(signature);
      issued.push({ signature, token });
      return token;
    };
    const before = Date.now();
    const pdf = await signedDispatchPdf(pki, G22, { signOptions: { timestamp: recording } });
    const report = await verifier.verify(pdf);
    expect(report.indication).toBe('TOTAL-PASSED');
    for (const signature of report.signatures) {
      expect(signature.signingTimeSource).toBe('timestamp');
      const time = Date.parse(signature.signingTime ?? '');
      expect(time).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
      expect(time).toBeLessThanOrEqual(Date.now() + 1000);
      expect(signature.messages.map((m) => m.code)).toContain('SIGNATURE_TIMESTAMP_VALID');
    }
    expect(issued).toHaveLength(2);
    for (const { signature, token } of issued) {
      expect(opensslVerifies(token, signature)).toBe(true);
      expect(opensslVerifies(token, Buffer.concat([signature, Buffer.from([0])]))).toBe(false);
    }
  });

  it('ignores a token over other bytes and falls back to the signed time', async () => {
    const other: SignatureTimestamper = (signature) =>
      tsa(Buffer.concat([signature, Buffer.from('x')]));
    const claimed = new Date(Date.now() - 60 * 60 * 1000);
    const pdf = await signedDispatchPdf(pki, G22, {
      leader: false,
      signingTime: claimed,
      organizationSignOptions: { signingTime: claimed, timestamp: other },
    });
    const report = await verifier.verify(pdf);
    expect(report.indication).toBe('TOTAL-PASSED');
    const [seal] = report.signatures;
    expect(seal.signingTimeSource).toBe('signed-attribute');
    expect(seal.signingTime).toBe(
      new Date(Math.floor(claimed.getTime() / 1000) * 1000).toISOString(),
    );
    const invalid = seal.messages.find((m) => m.code === 'SIGNATURE_TIMESTAMP_INVALID');
    expect(invalid?.text).toMatch(/message imprint/);
  });

  it('exposes a backdated claim: revoked before the timestamp, though "signed" before revocation', async () => {
    // The certificate was revoked 10 days ago. Claiming a signature 20 days ago is refused without
    // proof anyway (keyCompromise: REVOKED_NO_POE, see the verifier spec); a timestamp proves it
    // was made now, after the revocation, which fails it outright.
    const pdf = await signedDispatchPdf(pki, G22, {
      leader: false,
      organization: pki.special('revoked-organization'),
      signingTime: new Date(Date.now() - 20 * DAY),
      organizationSignOptions: { signingTime: new Date(Date.now() - 20 * DAY), timestamp: tsa },
    });
    const report = await verifier.verify(pdf);
    expect(`${report.indication}/${report.subIndication}`).toBe('TOTAL-FAILED/REVOKED');
    const codes = report.signatures[0].messages.map((m) => m.code);
    expect(codes).toContain('SIGNATURE_TIMESTAMP_VALID');
    expect(codes).toContain('CERTIFICATE_REVOKED');
    expect(codes).not.toContain('SIGNING_TIME_AFTER_TIMESTAMP');
  });

  describe('a key compromise revoked after the signature', () => {
    /**
     * A verifier whose issuing CA CRL revokes `credentials` for keyCompromise 10 minutes from now:
     * after any genTime openssl can produce (it cannot backdate), so only a proof of existence
     * decides. A revocation date ahead of the CRL is artificial, and harmless to the checker.
     */
    const verifierRevoking = async (
      ...credentials: DevPkiCredential[]
    ): Promise<PdfSignatureVerifier> => {
      const crlDir = mkdtempSync(join(dir, 'compromise-crl-'));
      const now = Date.now();
      writeDevIssuingCaCrl(pki, crlDir, {
        thisUpdate: new Date(now - 60_000),
        nextUpdate: new Date(now + DAY),
        crlNumber: 1_000 + credentials.length,
        revoked: credentials.map((credential) => ({
          serialNumber: Buffer.from(credential.serialNumberHex, 'hex'),
          revocationDate: new Date(now + 10 * 60_000),
          reason: 'keyCompromise' as const,
        })),
      });
      return createDevPkiPdfVerifier(pki, { crlDir });
    };

    it('keeps a signature whose timestamp proves it predates the compromise (ETSI POE)', async () => {
      const seal = pki.agency(G22).organization;
      const compromised = await verifierRevoking(seal);
      const stamped = await signedDispatchPdf(pki, G22, {
        leader: false,
        organizationSignOptions: { timestamp: tsa },
      });
      const report = await compromised.verify(stamped);
      expect(report.indication).toBe('TOTAL-PASSED');
      expect(report.signatures[0].signingTimeSource).toBe('timestamp');
      expect(report.signatures[0].messages.map((m) => m.code)).toContain(
        'CERTIFICATE_REVOKED_AFTER_SIGNING',
      );
      // The same signature without a timestamp: only the signer's claim, which proves nothing.
      const claimed = await compromised.verify(
        await signedDispatchPdf(pki, G22, { leader: false }),
      );
      expect(`${claimed.indication}/${claimed.subIndication}`).toBe('INDETERMINATE/REVOKED_NO_POE');
      expect(claimed.signatures[0].messages.map((m) => m.code)).toContain(
        'CERTIFICATE_REVOKED_KEY_COMPROMISE',
      );
    });

    it('does not take the genTime of a TSA whose own key is compromised as a proof', async () => {
      const seal = pki.agency(G22).organization;
      const both = await verifierRevoking(seal, pki.special('timestamping-authority'));
      const report = await both.verify(
        await signedDispatchPdf(pki, G22, {
          leader: false,
          organizationSignOptions: { timestamp: tsa },
        }),
      );
      expect(`${report.indication}/${report.subIndication}`).toBe('INDETERMINATE/REVOKED_NO_POE');
      expect(report.signatures[0].signingTimeSource).toBe('signed-attribute');
      const invalid = report.signatures[0].messages.find(
        (m) => m.code === 'SIGNATURE_TIMESTAMP_INVALID',
      );
      expect(invalid?.text).toContain('CERTIFICATE_REVOKED_KEY_COMPROMISE');
    });
  });

  it('does not trust a timestamp whose authority does not chain to a configured anchor', async () => {
    const otherRoot = await generateSpecDevPki('timestamp-other-root');
    const foreign = opensslTimestamper(otherRoot, dir);
    const pdf = await signedDispatchPdf(pki, G22, {
      leader: false,
      organizationSignOptions: { timestamp: foreign },
    });
    const report = await verifier.verify(pdf);
    expect(report.indication).toBe('TOTAL-PASSED');
    expect(report.signatures[0].signingTimeSource).toBe('signed-attribute');
    const invalid = report.signatures[0].messages.find(
      (m) => m.code === 'SIGNATURE_TIMESTAMP_INVALID',
    );
    expect(invalid?.text).toMatch(/not trusted/);
  });

  it('never throws on a truncated or byte-flipped token, nor accepts it with another time (property)', async () => {
    const trustStore = devPkiTrustStore(pki);
    const validator = new SignatureTimestampValidator(
      trustStore.certificateCache,
      new SignerCertificateValidator({
        trustStore,
        pathBuilder: new CertificatePathBuilder(trustStore),
        revocation: new CrlRevocationChecker([await DirectoryCrlSource.load(pki.crlDir)]),
      }),
    );
    const signature = Buffer.from('a signature value to timestamp');
    const token = tsa(signature);
    const now = new Date();
    const original = await validator.validate(token, signature, now);
    if (!original.valid) throw new Error(original.reason);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: 0, max: token.length - 1 }).map((length) => token.subarray(0, length)),
          fc
            .tuple(fc.integer({ min: 0, max: token.length - 1 }), fc.integer({ min: 1, max: 255 }))
            .map(([at, xor]) => {
              const flipped = Buffer.from(token);
              flipped[at] ^= xor;
              return flipped;
            }),
        ),
        async (mutated) => {
          const result = await validator.validate(mutated, signature, now);
          // A flip in a part nothing relies on (the issuing CA copy in the token: the path uses the
          // configured one) may leave it valid; the signed time can then only be the original.
          if (result.valid) expect(result.genTime).toEqual(original.genTime);
        },
      ),
      { numRuns: 150 },
    );
  });
});
