import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import {
  opensslTimestamper,
  resignedTimestampToken,
} from '@docaxis/signature/testing/openssl-timestamp-authority';
import {
  generateSpecDevPki,
  issueWithOpenssl,
} from '@docaxis/signature/verification/dev-pki-spec-fixture';
import { checkTimestampToken } from './checkpoint-timestamp';
import { CheckpointSigner } from './checkpoint-signer';
import { checkpointStatementBytes } from './checkpoint-statement';
import { TsaCertificateTrust } from './tsa-certificate-trust';
import { TsaTrustFileError } from './tsa-trust-file.error';

/**
 * RFC 3161 tokens over a checkpoint's CMS from a TEST TSA (`openssl ts -reply`, or the TSTInfo
 * re-signed by `openssl cms -sign` for certificates openssl's TSA refuses), judged against a TSA
 * trust anchor bundle.
 */
describe('checkpoint timestamp: TSA certificate path (RFC 3161 §2.3)', () => {
  let pki: DevPki;
  let dir: string;
  let checkpointCms: Buffer;
  let trusted: TsaCertificateTrust;

  beforeAll(async () => {
    pki = await generateSpecDevPki('audit-tsa');
    dir = mkdtempSync(join(pki.dir, '..', 'tsa-work-'));
    const createdAt = new Date();
    checkpointCms = new CheckpointSigner(pki.axis.certPem, pki.axis.keyPem).sign(
      checkpointStatementBytes({ headSeq: 20, headHash: 'a'.repeat(64), createdAt }),
      createdAt,
    );
    trusted = TsaCertificateTrust.fromPemBundle(Buffer.from(pki.root.certPem));
  });

  const stamp = (signer?: { certPath: string; keyPath: string }): Buffer =>
    opensslTimestamper(pki, dir, { signer })(checkpointCms);

  it('without TSA trust: valid, and says the TSA chain was not checked', () => {
    expect(checkTimestampToken(stamp(), checkpointCms)).toMatchObject({
      valid: true,
      tsaChain: 'not-checked',
      authority: expect.stringContaining('TEST Time-Stamping Authority') as unknown,
    });
  });

  it('a good chain: the TEST TSA under the trusted root, valid at genTime', () => {
    const before = Date.now() - 2000;
    const check = checkTimestampToken(stamp(), checkpointCms, trusted);
    expect(check).toMatchObject({ valid: true, tsaChain: 'trusted' });
    expect(check.valid && check.genTime.getTime()).toBeGreaterThan(before);
  });

  it('an untrusted root: the anchors are a root with the same name and another key', () => {
    const rogue = TsaCertificateTrust.fromPemBundle(
      Buffer.from(pki.special('rogue-root-ca').certPem),
    );
    expect(checkTimestampToken(stamp(), checkpointCms, rogue)).toEqual({
      valid: false,
      authority: true,
      reason: expect.stringContaining(
        'has no path to a configured TSA trust anchor whose signatures verify',
      ) as unknown,
    });
  });

  it('a certificate without id-kp-timeStamping chains, yet is no TSA', () => {
    const token = resignedTimestampToken(stamp(), pki.axis, pki.issuing.certPath, dir);
    // The token itself verifies: only the TSA judgement refuses it.
    expect(checkTimestampToken(token, checkpointCms)).toMatchObject({
      valid: true,
      tsaChain: 'not-checked',
    });
    expect(checkTimestampToken(token, checkpointCms, trusted)).toEqual({
      valid: false,
      authority: true,
      reason: expect.stringMatching(/lacks the extended key usage id-kp-timeStamping$/) as unknown,
    });
  });

  it('a non-critical timeStamping extended key usage is refused (RFC 3161 §2.3: critical)', () => {
    const issuingKeyPath = join(pki.dir, 'private', 'issuing-ca.key.pem');
    const lax = issueWithOpenssl({
      workDir: join(dir, 'lax-tsa'),
      name: 'lax-tsa',
      issuerCertPath: pki.issuing.certPath,
      issuerKeyPath: issuingKeyPath,
      subject: '/C=VN/O=docaxis TEST/CN=TEST TSA with a non-critical EKU',
      extensions: ['keyUsage=critical,digitalSignature', 'extendedKeyUsage=timeStamping'],
    });
    const token = resignedTimestampToken(stamp(), lax, pki.issuing.certPath, dir);
    expect(checkTimestampToken(token, checkpointCms, trusted)).toMatchObject({
      valid: false,
      reason: expect.stringContaining('non-critical extendedKeyUsage') as unknown,
    });
  });

  it('a TSA certificate expired at genTime', () => {
    const token = stamp(pki.special('expired-timestamping-authority'));
    expect(checkTimestampToken(token, checkpointCms, trusted)).toEqual({
      valid: false,
      authority: true,
      reason: expect.stringMatching(
        /is not valid at genTime .*CERTIFICATE_EXPIRED: .*expired at/,
      ) as unknown,
    });
  });

  it('a token over other bytes stays a token failure, whatever the trust', () => {
    expect(checkTimestampToken(stamp(), Buffer.from('other'), trusted)).toMatchObject({
      valid: false,
      authority: false,
      reason: expect.stringContaining('imprint') as unknown,
    });
  });

  it('loads AUDIT_TSA_TRUST_FILE, refusing a file with no certificate or none at all', () => {
    expect(TsaCertificateTrust.fromFile(undefined)).toBeUndefined();
    expect(TsaCertificateTrust.fromFile(pki.root.certPath)).toBeInstanceOf(TsaCertificateTrust);
    expect(() => TsaCertificateTrust.fromFile(pki.axis.keyPath)).toThrow(TsaTrustFileError);
    expect(() => TsaCertificateTrust.fromFile(join(dir, 'missing.pem'))).toThrow(TsaTrustFileError);
  });
});
