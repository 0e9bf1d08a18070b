import { createHash, sign } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { derTlv } from '@docaxis/signature/testing/der-tlv';
import { CertificateCache } from '@docaxis/signature/trust/certificate-cache';
import { asn1Encoding, readAsn1, type Asn1Node } from './asn1-reader';
import { verifyCmsSignature } from './cms-signature-verifier';
import { OID } from './object-identifiers';
import { createOpensslSigner, type OpensslSigner } from './openssl-cms-fixture';

const content = Buffer.from('%PDF-1.7 pretend byte range content '.repeat(50));

function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const bytes = [arcs[0] * 40 + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const group = [arc & 0x7f];
    for (let rest = Math.floor(arc / 128); rest > 0; rest = Math.floor(rest / 128)) {
      group.unshift((rest & 0x7f) | 0x80);
    }
    bytes.push(...group);
  }
  return derTlv(0x06, Buffer.from(bytes));
}

function attribute(type: string, ...values: Buffer[]): Buffer {
  return derTlv(0x30, oid(type), derTlv(0x31, ...values));
}

/** X.690 §11.6: a DER SET OF lists its elements' encodings in ascending order. */
function derOrder(a: Buffer, b: Buffer): number {
  const length = Math.max(a.length, b.length);
  return Buffer.compare(
    Buffer.concat([a, Buffer.alloc(length - a.length)]),
    Buffer.concat([b, Buffer.alloc(length - b.length)]),
  );
}

/** Children of the CMS's single SignerInfo, and the nodes that hold it. */
function signerInfoOf(cms: Buffer): { path: Asn1Node[]; fields: Asn1Node[] } {
  const contentInfo = readAsn1(cms);
  const wrapper = contentInfo.children[1];
  const signedData = wrapper.children[0];
  const signerInfos = signedData.children[signedData.children.length - 1];
  const signerInfo = signerInfos.children[0];
  return {
    path: [contentInfo, wrapper, signedData, signerInfos],
    fields: [...signerInfo.children],
  };
}

/**
 * The openssl-made CMS with its signed attributes replaced by `attributes` (sorted as DER wants
 * unless `keepOrder`) and signed again, over exactly the SET as carried, with the signer's key.
 * `carried` replaces what the SignerInfo carries after signing; `signerInfos` repeats it.
 */
function resigned(
  signer: OpensslSigner,
  cms: Buffer,
  attributes: readonly Buffer[],
  options: { keepOrder?: boolean; signerInfos?: number; carried?: readonly Buffer[] } = {},
): Buffer {
  const ordered = options.keepOrder ? [...attributes] : [...attributes].sort(derOrder);
  const signature = sign('sha256', derTlv(0x31, ...ordered), signer.keyPem);
  const { path, fields } = signerInfoOf(cms);
  const [version, sid, digest, , algorithm] = fields.map((node) => asn1Encoding(cms, node));
  const signerInfo = derTlv(
    0x30,
    version,
    sid,
    digest,
    derTlv(0xa0, ...(options.carried ?? ordered)),
    algorithm,
    derTlv(0x04, signature),
  );
  const [contentInfo, , signedData, signerInfoSet] = path;
  const before = signedData.children
    .filter((node) => node !== signerInfoSet)
    .map((node) => asn1Encoding(cms, node));
  return derTlv(
    0x30,
    asn1Encoding(cms, contentInfo.children[0]),
    derTlv(
      0xa0,
      derTlv(
        0x30,
        ...before,
        derTlv(0x31, ...Array<Buffer>(options.signerInfos ?? 1).fill(signerInfo)),
      ),
    ),
  );
}

/** Whether `openssl cms -verify` (signature only, no chain) accepts the CMS over `content`. */
function opensslVerifies(cms: Buffer): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'docaxis-signed-attributes-'));
  try {
    writeFileSync(join(dir, 'cms.der'), cms);
    writeFileSync(join(dir, 'content.bin'), content);
    const run = spawnSync('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-noverify',
      '-inform',
      'DER',
      '-in',
      join(dir, 'cms.der'),
      '-content',
      join(dir, 'content.bin'),
      '-out',
      join(dir, 'out.bin'),
    ]);
    return run.status === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function defects(cms: Buffer): string[] {
  return verifyCmsSignature({
    cms,
    signedContent: [content],
    certificateCache: new CertificateCache(),
  })
    .findings.filter((f) => f.subIndication)
    .map((f) => `${f.subIndication}:${f.code}`);
}

describe('the signed attributes a CMS signature must carry, and how (RFC 5652 §5.3, §11)', () => {
  let signer: OpensslSigner;
  let other: OpensslSigner;
  let cms: Buffer;
  const contentType = attribute(OID.contentType, oid(OID.data));
  const digest = createHash('sha256').update(content).digest();
  const messageDigest = attribute(OID.messageDigest, derTlv(0x04, digest));
  const signingTime = attribute(OID.signingTime, derTlv(0x17, Buffer.from('261124120000Z')));
  /** ESSCertID(v2) of `certificate`, with IssuerSerial naming `issuer` (its DER Name) and `serial`. */
  const essCertId = (
    version: 1 | 2,
    certificate: Buffer,
    issuerSerial?: { issuer?: Buffer; serial: Buffer },
  ): Buffer =>
    attribute(
      version === 2 ? OID.signingCertificateV2 : OID.signingCertificate,
      derTlv(
        0x30,
        derTlv(
          0x30,
          derTlv(
            0x30,
            derTlv(
              0x04,
              createHash(version === 2 ? 'sha256' : 'sha1')
                .update(certificate)
                .digest(),
            ),
            ...(issuerSerial
              ? [
                  derTlv(
                    0x30,
                    derTlv(
                      0x30,
                      ...(issuerSerial.issuer ? [derTlv(0xa4, issuerSerial.issuer)] : []),
                    ),
                    derTlv(0x02, issuerSerial.serial),
                  ),
                ]
              : []),
          ),
        ),
      ),
    );
  const essCertIdV2 = (certificate: Buffer, serial?: Buffer): Buffer =>
    essCertId(2, certificate, serial ? { serial } : undefined);
  /** The serial number's content octets and the issuer Name's DER of a certificate. */
  const issuerAndSerial = (certificate: Buffer): { issuer: Buffer; serial: Buffer } => {
    const tbs = readAsn1(certificate).children[0];
    const [, serial, , issuer] = tbs.children;
    return {
      issuer: asn1Encoding(certificate, issuer),
      serial: certificate.subarray(serial.contentStart, serial.contentEnd),
    };
  };

  beforeAll(() => {
    signer = createOpensslSigner('rsa');
    other = createOpensslSigner('rsa', '/CN=TEST another signer/O=TEST');
    cms = signer.sign(content, { extraArgs: ['-nosmimecap'] });
  });

  afterAll(() => {
    signer.dispose();
    other.dispose();
  });

  it('passes the attributes openssl wrote, signed again as DER (the crafting is sound)', () => {
    const crafted = resigned(signer, cms, [contentType, messageDigest, signingTime]);
    expect(defects(crafted)).toEqual([]);
    expect(opensslVerifies(crafted)).toBe(true);
  });

  it.each([
    [
      'contentType missing',
      [messageDigest],
      'FORMAT_FAILURE:CONTENT_TYPE_ATTRIBUTE_INVALID',
      false,
    ],
    [
      'contentType other than id-data',
      [attribute(OID.contentType, oid(OID.signedData)), messageDigest],
      'FORMAT_FAILURE:CONTENT_TYPE_ATTRIBUTE_INVALID',
      // openssl cms -verify does not compare it with eContentType (RFC 5652 §11.1 does).
      true,
    ],
    [
      'messageDigest missing',
      [contentType],
      'FORMAT_FAILURE:MESSAGE_DIGEST_ATTRIBUTE_INVALID',
      false,
    ],
    [
      'messageDigest with two values',
      [
        contentType,
        attribute(OID.messageDigest, derTlv(0x04, digest), derTlv(0x04, Buffer.alloc(32))),
      ],
      'FORMAT_FAILURE:CMS_MALFORMED',
      false,
    ],
    [
      'messageDigest twice',
      [contentType, messageDigest, attribute(OID.messageDigest, derTlv(0x04, Buffer.alloc(32)))],
      'FORMAT_FAILURE:CMS_MALFORMED',
      false,
    ],
    [
      'contentType twice',
      [contentType, messageDigest, attribute(OID.contentType, oid(OID.signedData))],
      'FORMAT_FAILURE:CMS_MALFORMED',
      false,
    ],
  ])('refuses %s', (_, attributes, expected, opensslPasses) => {
    const crafted = resigned(signer, cms, attributes);
    expect(defects(crafted)).toEqual([expected]);
    expect(opensslVerifies(crafted)).toBe(opensslPasses);
  });

  it('verifies over the SET as carried: re-ordered after signing it fails, as with openssl', () => {
    // Signed in DER order, carried out of order: what is verified is what is carried.
    const reordered = resigned(signer, cms, [contentType, messageDigest, signingTime], {
      keepOrder: true,
      carried: [signingTime, messageDigest, contentType],
    });
    expect(defects(reordered)).toEqual(['SIG_CRYPTO_FAILURE:SIGNATURE_INVALID']);
    expect(opensslVerifies(reordered)).toBe(false);
    // Signed and carried out of order: not DER (RFC 5652 §5.3), yet what the signer signed;
    // openssl verifies it too, and nothing but the signer's bytes can verify.
    const signedAsCarried = resigned(signer, cms, [signingTime, messageDigest, contentType], {
      keepOrder: true,
    });
    expect(defects(signedAsCarried)).toEqual([]);
    expect(opensslVerifies(signedAsCarried)).toBe(true);
  });

  it('refuses a CMS with two SignerInfos', () => {
    const crafted = resigned(signer, cms, [contentType, messageDigest], { signerInfos: 2 });
    expect(defects(crafted)).toEqual(['FORMAT_FAILURE:CMS_SIGNER_COUNT']);
  });

  it('checks signingCertificate(V2) against the certificate that verifies: hash, serial, issuer', () => {
    const serial = Buffer.from('01', 'hex'); // openssl req -x509 draws a random 20-octet serial
    expect(
      defects(
        resigned(signer, cms, [contentType, messageDigest, essCertIdV2(signer.certificateDer)]),
      ),
    ).toEqual([]);
    expect(
      defects(
        resigned(signer, cms, [contentType, messageDigest, essCertIdV2(other.certificateDer)]),
      ),
    ).toEqual(['NO_SIGNING_CERTIFICATE_FOUND:SIGNING_CERTIFICATE_ATTRIBUTE_MISMATCH']);
    expect(
      defects(
        resigned(signer, cms, [
          contentType,
          messageDigest,
          essCertIdV2(signer.certificateDer, serial),
        ]),
      ),
    ).toEqual(['NO_SIGNING_CERTIFICATE_FOUND:SIGNING_CERTIFICATE_ATTRIBUTE_MISMATCH']);
    // The right serial under another issuer's name.
    const signerSerial = issuerAndSerial(signer.certificateDer).serial;
    const otherIssuer = issuerAndSerial(other.certificateDer).issuer;
    expect(
      defects(
        resigned(signer, cms, [
          contentType,
          messageDigest,
          essCertId(2, signer.certificateDer, issuerAndSerial(signer.certificateDer)),
        ]),
      ),
    ).toEqual([]);
    expect(
      defects(
        resigned(signer, cms, [
          contentType,
          messageDigest,
          essCertId(2, signer.certificateDer, { issuer: otherIssuer, serial: signerSerial }),
        ]),
      ),
    ).toEqual(['NO_SIGNING_CERTIFICATE_FOUND:SIGNING_CERTIFICATE_ATTRIBUTE_MISMATCH']);
    // signingCertificate (v1, SHA-1) alone is checked too.
    expect(
      defects(
        resigned(signer, cms, [contentType, messageDigest, essCertId(1, other.certificateDer)]),
      ),
    ).toEqual(['NO_SIGNING_CERTIFICATE_FOUND:SIGNING_CERTIFICATE_ATTRIBUTE_MISMATCH']);
  });

  it('refuses a signingCertificate (v1) naming another certificate beside a right V2', () => {
    const both = (v1Of: Buffer): Buffer =>
      resigned(signer, cms, [
        contentType,
        messageDigest,
        essCertId(2, signer.certificateDer),
        essCertId(1, v1Of),
      ]);
    expect(defects(both(signer.certificateDer))).toEqual([]);
    expect(defects(both(other.certificateDer))).toEqual([
      'NO_SIGNING_CERTIFICATE_FOUND:SIGNING_CERTIFICATE_ATTRIBUTE_MISMATCH',
    ]);
  });
});
