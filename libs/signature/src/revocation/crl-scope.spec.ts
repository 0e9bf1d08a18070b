import { execFileSync } from 'node:child_process';
import { sign } from 'node:crypto';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asn1Encoding, readAsn1Exact } from '@docaxis/signature/cms/asn1-reader';
import { buildCrl } from '@docaxis/signature/pki/crl-builder';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { derTlv } from '@docaxis/signature/testing/der-tlv';
import { devIssuingCaIssuer } from '@docaxis/signature/testing/dev-issuing-ca-crl';
import { CertificateCache } from '@docaxis/signature/trust/certificate-cache';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';
import {
  generateSpecDevPki,
  issueWithOpenssl,
} from '@docaxis/signature/verification/dev-pki-spec-fixture';
import type { RevocationOutcome } from './revocation-checker';
import { CrlRevocationChecker } from './crl-revocation-checker';
import { DirectoryCrlSource } from './directory-crl-source';

const DAY = 24 * 60 * 60 * 1000;
const PARTITION = 'http://crl.test.invalid/partition-1.crl';

interface OpensslCrl {
  /** The CA that signs it (certificate and key in PEM files). */
  issuer: { certPath: string; keyPath: string };
  /** openssl x509v3_config lines of the CRL extensions, and sections they refer to. */
  extensions: readonly string[];
  sections?: readonly string[];
  /** thisUpdate, when not now (openssl ca -crl_lastupdate). */
  thisUpdate?: Date;
}

/** openssl ca's YYMMDDHHMMSSZ. */
function opensslTime(at: Date): string {
  return `${at.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`;
}

/** A CRL made by openssl ca -gencrl (an independent issuer), listing no certificate. */
function writeOpensslCrl(folder: string, crl: OpensslCrl): void {
  const work = mkdtempSync(join(folder, '..', 'openssl-ca-'));
  writeFileSync(join(work, 'index.txt'), '');
  writeFileSync(join(work, 'crlnumber'), '21\n');
  writeFileSync(
    join(work, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = test',
      '[test]',
      `database = ${join(work, 'index.txt')}`,
      `crlnumber = ${join(work, 'crlnumber')}`,
      'default_md = sha256',
      'default_crl_days = 1',
      'crl_extensions = crl_ext',
      '[crl_ext]',
      'authorityKeyIdentifier = keyid',
      ...crl.extensions,
      ...(crl.sections ?? []),
      '',
    ].join('\n'),
  );
  execFileSync(
    'openssl',
    [
      'ca',
      '-gencrl',
      '-config',
      join(work, 'ca.cnf'),
      '-cert',
      crl.issuer.certPath,
      '-keyfile',
      crl.issuer.keyPath,
      ...(crl.thisUpdate ? ['-crl_lastupdate', opensslTime(crl.thisUpdate)] : []),
      '-out',
      join(folder, 'crl.pem'),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

/** The TEST issuing CA's CRL of `thisUpdate` without nextUpdate, signed again with its key. */
function crlWithoutNextUpdate(pki: DevPki, thisUpdate: Date): Buffer {
  const issuer = devIssuingCaIssuer(pki);
  const der = buildCrl({
    issuer,
    thisUpdate,
    nextUpdate: new Date(),
    crlNumber: 30,
    revoked: [],
  }).der;
  const [tbs, algorithm] = readAsn1Exact(der).children;
  // version, signature, issuer, thisUpdate, nextUpdate, crlExtensions: nextUpdate left out.
  const fields = tbs.children.filter((_, index) => index !== 4);
  const unsigned = derTlv(0x30, ...fields.map((node) => asn1Encoding(der, node)));
  const signature = sign('sha256', unsigned, issuer.privateKey);
  return derTlv(
    0x30,
    unsigned,
    asn1Encoding(der, algorithm),
    derTlv(0x03, Buffer.from([0]), signature),
  );
}

describe('which CRLs may answer for a certificate (RFC 5280 §5.2, §6.3.3)', () => {
  let pki: DevPki;
  let issuing: ParsedCertificate;
  /** Issued by the TEST issuing CA into the CRL partition PARTITION. */
  let member: ParsedCertificate;
  const cache = new CertificateCache();

  const outcomeWith = async (
    crl: Omit<OpensslCrl, 'issuer'>,
    certificate = member,
    issuer = issuing,
    issuerFiles: OpensslCrl['issuer'] = pki.issuing,
  ): Promise<RevocationOutcome> => {
    const folder = mkdtempSync(join(pki.dir, '..', 'crl-folder-'));
    writeOpensslCrl(folder, { ...crl, issuer: issuerFiles });
    copyFileSync(pki.crl('root-ca').derPath, join(folder, 'root-ca.crl'));
    const source = await DirectoryCrlSource.load(folder);
    expect(source.problems).toEqual([]);
    return new CrlRevocationChecker([source]).check({
      certificate,
      issuer,
      validationTime: new Date(),
    });
  };

  beforeAll(async () => {
    pki = await generateSpecDevPki('crl-scope');
    issuing = cache.parse(pki.issuing.certDer);
    member = cache.parse(
      issueWithOpenssl({
        workDir: join(pki.dir, '..', 'partition-member'),
        name: 'member',
        issuerCertPath: pki.issuing.certPath,
        issuerKeyPath: pki.issuing.keyPath,
        subject: '/C=VN/O=docaxis TEST/CN=Partition member',
        extensions: [
          'keyUsage=critical,digitalSignature',
          `crlDistributionPoints=URI:${PARTITION}`,
        ],
      }).certDer,
    );
  });

  it("answers from the partition named by the URI of the certificate's distribution point", async () => {
    const idp = ['issuingDistributionPoint = critical, @idp', '[idp]'];
    await expect(
      outcomeWith({ extensions: [...idp, `fullname = URI:${PARTITION}`, 'onlyuser = TRUE'] }),
    ).resolves.toMatchObject({ status: 'good' });
  });

  it.each([
    ['another URI', ['fullname = URI:http://crl.test.invalid/partition-7.crl'], 'partition'],
    ['a directory name', ['fullname = dirName:dn', '[dn]', 'CN = Partition 7'], 'partition'],
    ['a name relative to the issuer', ['relativename = rdn', '[rdn]', 'CN = 7'], 'partition'],
  ])('never answers good from a partition named by %s', async (_, idp, why) => {
    const outcome = await outcomeWith({
      extensions: ['issuingDistributionPoint = critical, @idp', '[idp]', ...idp],
    });
    expect(outcome).toMatchObject({ status: 'unknown', note: expect.stringContaining(why) });
  });

  it.each([
    ['CA certificates only', ['onlyCA = TRUE'], 'CA certificates only'],
    ['some reasons only', ['onlysomereasons = keyCompromise'], 'only some reasons'],
    ['entries of other issuers (indirectCRL)', ['indirectCRL = TRUE'], 'indirect'],
  ])('never answers good from a CRL covering %s', async (_, idp, why) => {
    const outcome = await outcomeWith({
      extensions: ['issuingDistributionPoint = critical, @idp', '[idp]', ...idp],
    });
    expect(outcome).toMatchObject({ status: 'unknown', note: expect.stringContaining(why) });
  });

  it('never answers good from a CRL with a critical extension it does not understand', async () => {
    const outcome = await outcomeWith({
      extensions: ['1.3.6.1.4.1.99999.1 = critical, ASN1:NULL'],
    });
    expect(outcome).toMatchObject({
      status: 'unknown',
      note: expect.stringContaining('unsupported critical extension 1.3.6.1.4.1.99999.1'),
    });
  });

  it('never answers good from a CRL issued after the validation time', async () => {
    const outcome = await outcomeWith({ extensions: [], thisUpdate: new Date(Date.now() + DAY) });
    expect(outcome).toMatchObject({
      status: 'unknown',
      note: expect.stringContaining('issued after'),
    });
  });

  it('never answers good from a CRL without nextUpdate: nothing says it is still current', async () => {
    const folder = mkdtempSync(join(pki.dir, '..', 'crl-folder-'));
    writeFileSync(
      join(folder, 'issuing-ca.crl'),
      crlWithoutNextUpdate(pki, new Date(Date.now() - 400 * DAY)),
    );
    const source = await DirectoryCrlSource.load(folder);
    expect(source.problems).toEqual([]);
    const outcome = await new CrlRevocationChecker([source]).check({
      certificate: member,
      issuer: issuing,
      validationTime: new Date(),
    });
    expect(outcome).toMatchObject({
      status: 'unknown',
      note: expect.stringContaining('nextUpdate'),
    });
  });

  it('never answers good from a CA whose key usage does not allow signing CRLs', async () => {
    const work = join(pki.dir, '..', 'no-crl-sign');
    const ca = issueWithOpenssl({
      workDir: work,
      name: 'ca',
      issuerCertPath: pki.issuing.certPath,
      issuerKeyPath: pki.issuing.keyPath,
      subject: '/C=VN/O=docaxis TEST/CN=CA without cRLSign',
      extensions: ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign'],
    });
    const leaf = issueWithOpenssl({
      workDir: work,
      name: 'leaf',
      issuerCertPath: ca.certPath,
      issuerKeyPath: ca.keyPath,
      subject: '/C=VN/O=docaxis TEST/CN=Leaf of a CA without cRLSign',
      extensions: ['keyUsage=critical,digitalSignature'],
    });
    const outcome = await outcomeWith(
      { extensions: [] },
      cache.parse(leaf.certDer),
      cache.parse(ca.certDer),
      ca,
    );
    expect(outcome).toMatchObject({
      status: 'unknown',
      note: expect.stringContaining('may not sign CRLs'),
    });
  });
});
