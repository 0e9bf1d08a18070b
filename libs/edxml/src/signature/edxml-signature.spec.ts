import { execFile, execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testPki } from '@docaxis/testing/test-pki';
import { testRunDir } from '@docaxis/testing/test-run';
import { buildCertificate } from '@docaxis/signature/pki/certificate-builder';
import { organizationCertificateSpec } from '@docaxis/signature/pki/dev-certificate-profiles';
import type { DevPki, DevPkiCredential } from '@docaxis/signature/pki/dev-pki-loader';
import { devIssuingCaIssuer } from '@docaxis/signature/testing/dev-issuing-ca-crl';
import { TrustStore } from '@docaxis/signature/trust/trust-store';
import { CrlRevocationChecker } from '@docaxis/signature/revocation/crl-revocation-checker';
import { DirectoryCrlSource } from '@docaxis/signature/revocation/directory-crl-source';
import type { SignedEdxmlReport } from './edxml-signature-report';
import { EdxmlSignatureVerifier } from './edxml-signature-verifier';
import { EdxmlSigner } from './edxml-signer';
import { XMLDSIG } from './xmldsig-algorithms';
import { devPkiTrustDirectories } from '@docaxis/signature/testing/dev-pki-verifier';
import { reportMessageVi } from '@docaxis/signature/report/wording/report-message.vi';

const SAMPLE = readFileSync(join(__dirname, '../../test-fixtures/dispatch-new.edxml'), 'utf8');
const STATUS = readFileSync(join(__dirname, '../../test-fixtures/status-received.edxml'), 'utf8');
const SIGNATURE_SLOT = /<!-- An enveloped XML signature[^>]*-->/;

/**
 * The QCVN 102 SDK template, filled by xmlsec1 (an independent implementation of XML-DSig and
 * exclusive c14n): what an agency's document system sends.
 */
function signatureTemplate(signatureMethod: string, digestMethod: string, uri = ''): string {
  return (
    `<Signature xmlns="${'http://www.w3.org/2000/09/xmldsig#'}"><SignedInfo>` +
    `<CanonicalizationMethod Algorithm="${XMLDSIG.exclusiveC14n}"/>` +
    `<SignatureMethod Algorithm="${signatureMethod}"/>` +
    `<Reference URI="${uri}"><Transforms><Transform Algorithm="${XMLDSIG.envelopedSignature}"/>` +
    `<Transform Algorithm="${XMLDSIG.exclusiveC14n}"/></Transforms>` +
    `<DigestMethod Algorithm="${digestMethod}"/><DigestValue/></Reference></SignedInfo>` +
    `<SignatureValue/><KeyInfo><X509Data><X509Certificate/></X509Data></KeyInfo></Signature>`
  );
}

let workDir: string;
function xmlsec(args: string[]): { ok: boolean; output: string } {
  try {
    const output = execFileSync('xmlsec1', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    return { ok: true, output: output.toString() };
  } catch (error) {
    return { ok: false, output: String((error as { stderr?: Buffer }).stderr ?? error) };
  }
}

/** xmlsec1's verdict on a signed file, trusting the TEST root (issuing CA as intermediate). */
function verifyWithXmlsec(pki: DevPki, file: string): { ok: boolean; output: string } {
  return xmlsec([
    '--verify',
    '--trusted-pem',
    pki.root.certPath,
    '--untrusted-pem',
    pki.issuing.certPath,
    file,
  ]);
}

function signWithXmlsec(
  credential: DevPkiCredential,
  signatureMethod: string = XMLDSIG.rsaSha1,
  digestMethod: string = XMLDSIG.sha1,
  packet = SAMPLE,
): string {
  const template = join(workDir, `template-${Math.random().toString(36).slice(2)}.xml`);
  const output = `${template}.signed`;
  writeFileSync(
    template,
    packet.replace(SIGNATURE_SLOT, signatureTemplate(signatureMethod, digestMethod)),
  );
  const run = xmlsec([
    '--sign',
    '--privkey-pem',
    `${credential.keyPath},${credential.certPath}`,
    '--output',
    output,
    template,
  ]);
  if (!run.ok) throw new Error(`xmlsec1 could not sign: ${run.output}`);
  return readFileSync(output, 'utf8');
}

function signed(report: Awaited<ReturnType<EdxmlSignatureVerifier['verify']>>): SignedEdxmlReport {
  if (report.status !== 'signed') throw new Error('expected a signed report');
  return report;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * G22's seal on an 8192-bit RSA key, issued by the TEST issuing CA, as files for xmlsec1. The key
 * has five primes (RFC 8017 multi-prime): its public key and signatures are plain RSA, and
 * OpenSSL makes it in 2-4 s where two primes take 20-50 s.
 */
async function bigKeySeal(pki: DevPki, dir: string): Promise<DevPkiCredential> {
  const keyPath = join(dir, 'seal-rsa-8192.key');
  await promisify(execFile)('openssl', [
    'genpkey',
    '-algorithm',
    'RSA',
    '-pkeyopt',
    'rsa_keygen_bits:8192',
    '-pkeyopt',
    'rsa_keygen_primes:5',
    '-out',
    keyPath,
  ]);
  const keyPem = readFileSync(keyPath, 'utf8');
  const agency = pki.agency('000.00.00.G22');
  const certificate = buildCertificate(
    organizationCertificateSpec(agency, {
      publicKey: createPublicKey(keyPem),
      issuer: devIssuingCaIssuer(pki),
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + 30 * DAY),
    }),
  );
  const certPath = join(dir, 'seal-rsa-8192.pem');
  writeFileSync(certPath, certificate.pem);
  return {
    ...agency.organization,
    certPath,
    keyPath,
    certPem: certificate.pem,
    keyPem,
    certDer: certificate.der,
  };
}

describe('edXML XML signatures', () => {
  let pki: DevPki;
  let verifier: EdxmlSignatureVerifier;
  const sender = () => pki.agency('000.00.00.G22').organization;

  beforeAll(async () => {
    pki = await testPki();
    workDir = mkdtempSync(join(testRunDir(), 'edxml-signature-'));
    verifier = new EdxmlSignatureVerifier({
      trustStore: await TrustStore.fromDirectories(devPkiTrustDirectories(pki)),
      revocation: new CrlRevocationChecker([await DirectoryCrlSource.load(pki.crlDir)]),
      profile: {
        organizationPolicyOids: [pki.policyOids.organization],
        personPolicyOids: [pki.policyOids.person],
      },
    });
  });

  it('accepts an SDK-style RSA-SHA1 signature made by xmlsec1 and flags it weak', async () => {
    const report = signed(await verifier.verify(signWithXmlsec(sender())));
    expect(report.indication).toBe('TOTAL-PASSED');
    expect(report.signatureAlgorithm).toBe('RSA-SHA1');
    expect(report.digestAlgorithm).toBe('sha1');
    expect(report.weakAlgorithm).toBe(true);
    expect(report.messages.map((m) => m.code)).toContain('WEAK_ALGORITHM');
    expect(report.signer.agencyCode).toBe('000.00.00.G22');
    expect(report.signer.kind).toBe('organization');
    expect(report.chain.at(-1)?.fingerprintSha256).toBe(pki.root.sha256Fingerprint.toLowerCase());
    expect(report.revocation.status).toBe('good');
  });

  it('accepts an RSA-SHA256 signature made by xmlsec1 without a weakness flag', async () => {
    const report = signed(
      await verifier.verify(signWithXmlsec(sender(), XMLDSIG.rsaSha256, XMLDSIG.sha256)),
    );
    expect(report.indication).toBe('TOTAL-PASSED');
    expect(report.weakAlgorithm).toBe(false);
    expect(report.signatureAlgorithm).toBe('RSA-SHA256');
  });

  it('reports an unsigned packet as unsigned', async () => {
    expect(await verifier.verify(SAMPLE)).toEqual({
      status: 'unsigned',
      validationTime: expect.any(String),
    });
  });

  it('fails a packet changed after signing (HASH_FAILURE)', async () => {
    const tampered = signWithXmlsec(sender()).replace('V/v thử nghiệm gửi', 'V/v thử nghiệm GỬI');
    const report = signed(await verifier.verify(tampered));
    expect(report.indication).toBe('TOTAL-FAILED');
    expect(report.subIndication).toBe('HASH_FAILURE');
  });

  describe('a packet with attachments of every size (base64 lifted out before parsing)', () => {
    const sizes = [10, 700, 2000, 40 * 1024, 100 * 1024, 3 * 1024 * 1024];
    const base64s = sizes.map((size, index) => {
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i++) bytes[i] = (i * 7919 + index) % 251;
      const base64 = bytes.toString('base64');
      return index % 2 === 0 ? base64.replace(/(.{76})/g, '$1\r\n') : base64;
    });
    const attachments = base64s
      .map(
        (base64, i) =>
          `<Attachment><ContentId>cid:${i + 1}</ContentId><AttachmentName>${i}.pdf</AttachmentName><ContentType>application/pdf</ContentType><edXML:ContentTransferEncoded xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">${base64}</edXML:ContentTransferEncoded></Attachment>`,
      )
      .join('\n  ');
    const packet = () => SAMPLE.replace(/<Attachment>[\s\S]*<\/Attachment>/, attachments);
    /** The signed packet with one base64 character of attachment `index` changed. */
    const tamper = (signedPacket: string, index: number) => {
      const at = signedPacket.indexOf(base64s[index]) + Math.floor(base64s[index].length / 2);
      const changed = signedPacket[at] === 'A' ? 'B' : 'A';
      return signedPacket.slice(0, at) + changed + signedPacket.slice(at + 1);
    };
    let signedPacket: string;
    beforeAll(() => {
      signedPacket = signWithXmlsec(sender(), XMLDSIG.rsaSha256, XMLDSIG.sha256, packet());
    });

    it('verifies the signature xmlsec1 made over the whole packet', async () => {
      expect(signed(await verifier.verify(signedPacket)).indication).toBe('TOTAL-PASSED');
    });

    it.each(sizes.map((size, index) => [size, index]))(
      'fails it once one base64 character of the %i-byte attachment changed (HASH_FAILURE)',
      async (_size, index) => {
        const report = signed(await verifier.verify(tamper(signedPacket, index)));
        expect(report.subIndication).toBe('HASH_FAILURE');
      },
    );

    it('reports a packet with more markup than the cap malformed, unparsed; base64 does not count', async () => {
      const bounded = new EdxmlSignatureVerifier({
        trustStore: await TrustStore.fromDirectories(devPkiTrustDirectories(pki)),
        revocation: new CrlRevocationChecker([await DirectoryCrlSource.load(pki.crlDir)]),
        profile: {
          organizationPolicyOids: [pki.policyOids.organization],
          personPolicyOids: [pki.policyOids.person],
        },
        maxMarkupBytes: 16 * 1024,
      });
      expect(signed(await bounded.verify(signedPacket)).indication).toBe('TOTAL-PASSED');
      const wordy = signWithXmlsec(
        sender(),
        XMLDSIG.rsaSha256,
        XMLDSIG.sha256,
        packet().replace(
          '</edXML:Content>',
          `${' Đề nghị phản hồi.'.repeat(1000)}</edXML:Content>`,
        ),
      );
      const report = signed(await bounded.verify(wordy));
      expect(report.subIndication).toBe('FORMAT_FAILURE');
      expect(report.messages).toContainEqual({
        code: 'XML_SIGNATURE_MALFORMED',
        text: expect.stringMatching(
          /^\d+ bytes of XML outside the base64 attachments, more than the 16384 verified$/,
        ),
      });
    });
  });

  describe('a signature value of 1 KiB or more (an RSA key over 6 144 bits)', () => {
    const attachment = Buffer.alloc(40 * 1024, 7).toString('base64');
    let seal: DevPkiCredential;
    let signedPacket: string;
    beforeAll(async () => {
      seal = await bigKeySeal(pki, workDir);
      signedPacket = signWithXmlsec(
        seal,
        XMLDSIG.rsaSha256,
        XMLDSIG.sha256,
        SAMPLE.replace(/(<edXML:ContentTransferEncoded[^>]*>)<!--[^>]*-->/, `$1${attachment}`),
      );
    }, 120_000);

    it('verifies the signature xmlsec1 made, as xmlsec1 does', async () => {
      const value = /<SignatureValue>([^<]+)<\/SignatureValue>/.exec(signedPacket)![1];
      expect(value.length).toBeGreaterThanOrEqual(1024);
      const file = join(workDir, 'big-key-signed.xml');
      writeFileSync(file, signedPacket);
      expect(verifyWithXmlsec(pki, file).ok).toBe(true);
      const report = signed(await verifier.verify(signedPacket));
      expect(report.indication).toBe('TOTAL-PASSED');
      expect(report.chain[0].fingerprintSha256).toBe(
        createHash('sha256').update(seal.certDer).digest('hex'),
      );
    });

    it('still fails it with one bit of the signature value flipped', async () => {
      const value = /<SignatureValue>([^<]+)<\/SignatureValue>/.exec(signedPacket)![1];
      const flipped = Buffer.from(value.replace(/\s/g, ''), 'base64');
      flipped[500] ^= 0x01;
      const report = signed(
        await verifier.verify(
          signedPacket.replace(value, flipped.toString('base64').replace(/(.{64})/g, '$1\n')),
        ),
      );
      expect(report.subIndication).toBe('SIG_CRYPTO_FAILURE');
    });

    it('still fails it with the attachment changed (HASH_FAILURE)', async () => {
      const at = signedPacket.indexOf(attachment) + attachment.length / 2;
      const changed = `${signedPacket.slice(0, at)}A${signedPacket.slice(at + 1)}`;
      const report = signed(await verifier.verify(changed));
      expect(report.subIndication).toBe('HASH_FAILURE');
    });
  });

  it('does not verify a packet with more than 1 000 distinct element names (parser cost)', async () => {
    const names = (count: number) =>
      Array.from({ length: count }, (_, i) => `<x${i}>${i}</x${i}>`).join('');
    const withNames = (count: number) =>
      signWithXmlsec(
        sender(),
        XMLDSIG.rsaSha256,
        XMLDSIG.sha256,
        SAMPLE.replace('<edXML:edXMLBody>', `<Extra>${names(count)}</Extra><edXML:edXMLBody>`),
      );
    // The sample and its signature use about 60 names: 900 more are still verified.
    expect(signed(await verifier.verify(withNames(900))).indication).toBe('TOTAL-PASSED');
    const report = signed(await verifier.verify(withNames(1000)));
    expect(report.subIndication).toBe('FORMAT_FAILURE');
    expect(report.messages).toContainEqual({
      code: 'XML_SIGNATURE_MALFORMED',
      text: 'more than 1000 distinct element names',
    });
  });

  it('fails a forged signature value (SIG_CRYPTO_FAILURE)', async () => {
    const packet = signWithXmlsec(sender());
    const value = /<SignatureValue>([^<]+)<\/SignatureValue>/.exec(packet)![1].replace(/\s/g, '');
    const flipped = Buffer.from(value, 'base64');
    flipped[10] ^= 0xff;
    const report = signed(
      await verifier.verify(
        packet.replace(/<SignatureValue>[^<]+</, `<SignatureValue>${flipped.toString('base64')}<`),
      ),
    );
    expect(report.subIndication).toBe('SIG_CRYPTO_FAILURE');
  });

  it("fails a signature whose KeyInfo names another agency's certificate", async () => {
    const packet = signWithXmlsec(sender());
    const other = pki.agency('000.00.00.H41').organization.certDer.toString('base64');
    const swapped = packet.replace(
      /<X509Certificate>[^<]+<\/X509Certificate>/,
      `<X509Certificate>${other}</X509Certificate>`,
    );
    const report = signed(await verifier.verify(swapped));
    expect(report.subIndication).toBe('SIG_CRYPTO_FAILURE');
  });

  it('does not trust a certificate that chains to another root', async () => {
    const report = signed(await verifier.verify(signWithXmlsec(pki.special('rogue-organization'))));
    expect(report.indication).toBe('INDETERMINATE');
    expect(report.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
  });

  it('fails a revoked certificate and an expired one through the shared certificate checks', async () => {
    const revoked = signed(
      await verifier.verify(signWithXmlsec(pki.special('revoked-organization'))),
    );
    expect(revoked.subIndication).toBe('REVOKED');
    const expired = signed(
      await verifier.verify(signWithXmlsec(pki.special('expired-organization'))),
    );
    expect(expired.subIndication).toBe('EXPIRED');
    const keyUsage = signed(
      await verifier.verify(signWithXmlsec(pki.special('wrong-key-usage-organization'))),
    );
    expect(keyUsage.subIndication).toBe('CHAIN_CONSTRAINTS_FAILURE');
  });

  it('says an expired certificate expired, not that its signing time is unproven', async () => {
    // An XML signature has no signing time: judged at the validation time, the expiry is the
    // defect itself (as a PDF signature without signingTime), not a claim left unproven.
    const expired = signed(
      await verifier.verify(signWithXmlsec(pki.special('expired-organization'))),
    );
    expect(`${expired.indication}/${expired.subIndication}`).toBe('TOTAL-FAILED/EXPIRED');
    const codes = expired.messages.map((m) => m.code);
    expect(codes).toContain('CERTIFICATE_EXPIRED');
    expect(codes).not.toContain('CERTIFICATE_EXPIRED_NO_POE');
  });

  it('words the expiry as found at the time of validation: a packet has no signing time', async () => {
    const expired = signed(
      await verifier.verify(signWithXmlsec(pki.special('expired-organization'))),
    );
    const message = expired.messages.find((m) => m.code === 'CERTIFICATE_EXPIRED')!;
    expect(message.text).toContain(`at the time of validation, ${expired.validationTime}`);
    expect(message.text).not.toContain('(signing time');
    expect(reportMessageVi(message)).toBe(
      'Một chứng thư trong chuỗi đã hết hạn tại thời điểm kiểm tra (chữ ký không ghi thời điểm ký).',
    );
  });

  it.each<[string, (pki: DevPki) => DevPkiCredential]>([
    ['time-stamping only (a TSA)', (p) => p.special('timestamping-authority')],
    ['OCSP signing only (a delegated responder)', (p) => p.special('ocsp-responder')],
    [
      "TLS client authentication only (the agency's document system)",
      (p) => p.agency('000.00.00.G22').client,
    ],
  ])(
    'fails a packet signed with a certificate for %s (extendedKeyUsage)',
    async (_, credential) => {
      const report = signed(await verifier.verify(signWithXmlsec(credential(pki))));
      expect(`${report.indication}/${report.subIndication}`).toBe(
        'INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE',
      );
      expect(report.messages.map((m) => m.code)).toContain('SIGNER_EXTENDED_KEY_USAGE');
    },
  );

  it('refuses a reference to part of the packet, two signatures and an HMAC "signature"', async () => {
    const packet = signWithXmlsec(sender());
    const partial = signed(
      await verifier.verify(packet.replace('<Reference URI=""', '<Reference URI="#x"')),
    );
    expect(partial.subIndication).toBe('FORMAT_FAILURE');
    expect(partial.messages.map((m) => m.code)).toContain('XML_SIGNATURE_REFERENCE_INVALID');

    const signature = /<Signature[\s\S]*<\/Signature>/.exec(packet)![0];
    const twice = packet.replace('</edXML:edXMLBody>', `</edXML:edXMLBody>${signature}`);
    const doubled = signed(await verifier.verify(twice));
    expect(doubled.messages.map((m) => m.code)).toContain('XML_SIGNATURE_MALFORMED');

    const hmac = signed(
      await verifier.verify(
        packet.replace(XMLDSIG.rsaSha1, 'http://www.w3.org/2000/09/xmldsig#hmac-sha1'),
      ),
    );
    expect(hmac.subIndication).toBe('CRYPTO_CONSTRAINTS_FAILURE');
    expect(hmac.messages.map((m) => m.code)).toContain('ALGORITHM_UNSUPPORTED');
  });

  it('never throws on bytes that are not XML', async () => {
    const report = signed(
      await verifier.verify('<edXML><Signature xmlns="http://www.w3.org/2000/09/xmldsig#">'),
    );
    expect(report.subIndication).toBe('FORMAT_FAILURE');
  });

  describe('what the axis signs', () => {
    let signer: EdxmlSigner;
    beforeAll(() => {
      signer = new EdxmlSigner({ certPem: pki.axis.certPem, keyPem: pki.axis.keyPem });
    });

    it('signs a packet with RSA-SHA256 in the SDK shape, verified by xmlsec1 against the root', () => {
      const packet = signer.sign(SAMPLE.replace(SIGNATURE_SLOT, ''));
      expect(packet).toContain(`<SignatureMethod Algorithm="${XMLDSIG.rsaSha256}"/>`);
      expect(packet).toContain('<Reference URI="">');
      expect(packet).toMatch(
        /<X509SubjectName>CN=docaxis axis signing[^<]*,C=VN<\/X509SubjectName>/,
      );
      expect(packet.indexOf('<Signature')).toBeLessThan(packet.indexOf('</edXML:edXMLHeader>'));
      const file = join(workDir, 'axis-signed.xml');
      writeFileSync(file, packet);
      expect(verifyWithXmlsec(pki, file)).toEqual({ ok: true, output: expect.any(String) });
      writeFileSync(file, packet.replace('Văn phòng Chính phủ', 'Văn phòng Chính phủ.'));
      expect(verifyWithXmlsec(pki, file).ok).toBe(false);
    });

    it('signs a status packet that the verifier accepts as the axis', async () => {
      const report = signed(await verifier.verify(signer.sign(STATUS)));
      expect(report.indication).toBe('TOTAL-PASSED');
      expect(report.signatureAlgorithm).toBe('RSA-SHA256');
      expect(report.signer.subject).toContain('docaxis axis signing');
    });
  });
});
