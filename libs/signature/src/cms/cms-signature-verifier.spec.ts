import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CertificateCache } from '@docaxis/signature/trust/certificate-cache';
import { readAsn1 } from './asn1-reader';
import { verifyCmsSignature, type CmsVerificationResult } from './cms-signature-verifier';
import { createOpensslSigner, type OpensslSigner } from './openssl-cms-fixture';
import { parseSignedData } from './signed-data';

const content = Buffer.from('%PDF-1.7 pretend byte range content '.repeat(200));
const firstPart = content.subarray(0, 1000);
const secondPart = content.subarray(1000);

function verify(
  cms: Buffer,
  signed: readonly Buffer[] = [firstPart, secondPart],
): CmsVerificationResult {
  return verifyCmsSignature({
    cms,
    signedContent: signed,
    certificateCache: new CertificateCache(),
  });
}

function defects(result: CmsVerificationResult): string[] {
  return result.findings.filter((f) => f.subIndication).map((f) => `${f.subIndication}:${f.code}`);
}

function notes(result: CmsVerificationResult): string[] {
  return result.findings.filter((f) => !f.subIndication).map((f) => f.code);
}

describe('verifyCmsSignature against openssl-made CMS', () => {
  let rsa: OpensslSigner;
  let ec: OpensslSigner;
  let pss: OpensslSigner;

  beforeAll(() => {
    rsa = createOpensslSigner('rsa');
    ec = createOpensslSigner('ec-p256');
    pss = createOpensslSigner('rsa-pss-padding');
  });

  afterAll(() => {
    rsa.dispose();
    ec.dispose();
    pss.dispose();
  });

  it('verifies an RSA PKCS#1 v1.5 SHA-256 signature fed as two chunks', () => {
    const result = verify(rsa.sign(content));
    expect(defects(result)).toEqual([]);
    expect(result.signerCertificate?.der.equals(rsa.certificateDer)).toBe(true);
    expect(result.digestAlgorithm?.name).toBe('sha256');
    expect(result.signatureAlgorithm?.scheme).toBe('rsa-pkcs1');
    expect(result.weakAlgorithm).toBe(false);
    expect(Math.abs((result.signingTime?.getTime() ?? 0) - Date.now())).toBeLessThan(120_000);
    expect(notes(result)).toContain('SIGNING_CERTIFICATE_ATTRIBUTE_MISSING');
  });

  it('checks signingCertificateV2 when the signer adds it (CAdES)', () => {
    const result = verify(rsa.sign(content, { extraArgs: ['-cades'] }));
    expect(defects(result)).toEqual([]);
    expect(notes(result)).not.toContain('SIGNING_CERTIFICATE_ATTRIBUTE_MISSING');
  });

  it('verifies ECDSA P-256 and RSA-PSS signatures', () => {
    const ecResult = verify(ec.sign(content, { digest: 'sha384' }));
    expect(defects(ecResult)).toEqual([]);
    expect(ecResult.signatureAlgorithm?.scheme).toBe('ecdsa');
    const pssResult = verify(pss.sign(content));
    expect(defects(pssResult)).toEqual([]);
    expect(pssResult.signatureAlgorithm?.displayName).toBe('RSASSA-PSS(sha256)');
  });

  it('accepts SHA-1 but flags it as weak', () => {
    const result = verify(rsa.sign(content, { digest: 'sha1' }));
    expect(defects(result)).toEqual([]);
    expect(result.weakAlgorithm).toBe(true);
    expect(notes(result)).toContain('WEAK_ALGORITHM');
  });

  it('reports HASH_FAILURE when one signed byte changed', () => {
    const tampered = Buffer.from(secondPart);
    tampered[10] ^= 0x01;
    expect(defects(verify(rsa.sign(content), [firstPart, tampered]))).toEqual([
      'HASH_FAILURE:MESSAGE_DIGEST_MISMATCH',
    ]);
  });

  it('reports SIG_CRYPTO_FAILURE when the signature value or a signed attribute changed', () => {
    const cms = rsa.sign(content);
    const signerInfo = parseSignedData(cms).signerInfos[0];
    const brokenSignature = Buffer.from(cms);
    brokenSignature[cms.indexOf(signerInfo.signature) + 5] ^= 0x01;
    expect(defects(verify(brokenSignature))).toEqual(['SIG_CRYPTO_FAILURE:SIGNATURE_INVALID']);

    // The signingTime attribute value: its last digit before 'Z'.
    const attributes = signerInfo.signedAttributesDer ?? Buffer.alloc(0);
    const timeOffset =
      cms.indexOf(attributes.subarray(1)) - 1 + attributes.indexOf(Buffer.from('Z', 'latin1')) - 1;
    const brokenAttribute = Buffer.from(cms);
    brokenAttribute[timeOffset] = brokenAttribute[timeOffset] === 0x30 ? 0x31 : 0x30;
    expect(defects(verify(brokenAttribute))).toEqual(['SIG_CRYPTO_FAILURE:SIGNATURE_INVALID']);
  });

  it('reports the CMS malformed when the unsigned signature algorithm parameters changed', () => {
    // openssl writes rsaEncryption with NULL parameters; the signature does not cover them.
    const cms = rsa.sign(content);
    const algorithm = parseSignedData(cms).signerInfos[0].signatureAlgorithm;
    const parameters = algorithm.children[1];
    expect(cms.subarray(parameters.start, parameters.end).toString('hex')).toBe('0500');
    const changed = Buffer.from(cms);
    changed[parameters.start] = 0x04; // an empty OCTET STRING
    expect(defects(verify(changed))).toEqual(['FORMAT_FAILURE:CMS_MALFORMED']);
  });

  it('identifies the signer by subjectKeyIdentifier, and by the key among look-alikes', () => {
    const signedByKeyId = rsa.sign(content, { extraArgs: ['-keyid'] });
    expect(parseSignedData(signedByKeyId).signerInfos[0].signerId.kind).toBe(
      'subject-key-identifier',
    );
    const byKeyId = verify(signedByKeyId);
    expect(defects(byKeyId)).toEqual([]);
    expect(byKeyId.signerCertificate?.der.equals(rsa.certificateDer)).toBe(true);
    // Same subject and issuer name, another key: carried beside the signer, never taken for it.
    const lookAlike = createOpensslSigner('rsa');
    const dir = mkdtempSync(join(tmpdir(), 'docaxis-look-alike-'));
    try {
      writeFileSync(join(dir, 'look-alike.pem'), lookAlike.certificatePem);
      for (const extraArgs of [['-keyid'], []]) {
        const result = verify(
          rsa.sign(content, {
            extraArgs: [...extraArgs, '-certfile', join(dir, 'look-alike.pem')],
          }),
        );
        expect(result.certificates).toHaveLength(2);
        expect(defects(result)).toEqual([]);
        expect(result.signerCertificate?.der.equals(rsa.certificateDer)).toBe(true);
      }
    } finally {
      lookAlike.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports NO_SIGNING_CERTIFICATE_FOUND when the CMS carries no certificate', () => {
    expect(defects(verify(rsa.sign(content, { extraArgs: ['-nocerts'] })))).toEqual([
      'NO_SIGNING_CERTIFICATE_FOUND:SIGNER_CERTIFICATE_NOT_FOUND',
    ]);
  });

  it('verifies a signature without signed attributes over the content itself', () => {
    const result = verify(rsa.sign(content, { extraArgs: ['-noattr'] }));
    expect(defects(result)).toEqual([]);
    expect(notes(result)).toContain('CMS_NO_SIGNED_ATTRIBUTES');
    const tampered = Buffer.from(firstPart);
    tampered[0] ^= 0x01;
    expect(
      defects(verify(rsa.sign(content, { extraArgs: ['-noattr'] }), [tampered, secondPart])),
    ).toEqual(['SIG_CRYPTO_FAILURE:SIGNATURE_INVALID']);
  });

  it('refuses an attached (non-detached) CMS', () => {
    expect(defects(verify(rsa.sign(content, { extraArgs: ['-nodetach'] })))).toEqual([
      'FORMAT_FAILURE:CMS_NOT_DETACHED',
    ]);
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['random bytes', Buffer.from('30820100deadbeef', 'hex')],
    ['a certificate instead of a CMS', Buffer.from('3003020101', 'hex')],
  ])('reports FORMAT_FAILURE for %s', (_, bytes) => {
    expect(defects(verify(bytes))).toEqual(['FORMAT_FAILURE:CMS_MALFORMED']);
  });

  it('never throws on truncated CMS blobs', () => {
    const cms = rsa.sign(content);
    for (let length = 0; length < cms.length; length += 7) {
      const result = verify(cms.subarray(0, length));
      expect(defects(result).length).toBeGreaterThan(0);
    }
    expect(readAsn1(cms).end).toBe(cms.length);
  });
});
