import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { CertificateCache } from '@docaxis/signature/trust/certificate-cache';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';
import {
  generateSpecDevPki,
  issueWithOpenssl,
} from '@docaxis/signature/verification/dev-pki-spec-fixture';
import { CrlRevocationChecker } from './crl-revocation-checker';
import { DirectoryCrlSource } from './directory-crl-source';

/**
 * A CRL of the TEST issuing CA made by openssl (an independent issuer) with the given
 * issuingDistributionPoint settings (openssl x509v3_config), listing no certificate.
 */
function opensslCrlWithScope(pki: DevPki, folder: string, scope: readonly string[]): void {
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
      'issuingDistributionPoint = critical, @idp',
      '[idp]',
      ...scope,
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
      pki.issuing.certPath,
      '-keyfile',
      pki.issuing.keyPath,
      '-outdir',
      work,
      '-out',
      join(folder, 'issuing-ca.crl.pem'),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  copyFileSync(pki.crl('root-ca').derPath, join(folder, 'root-ca.crl'));
}

const PARTITION = 'http://crl.test.invalid/partition-1.crl';

describe('a CRL whose issuingDistributionPoint names a partition (RFC 5280 §5.2.5, §6.3.3)', () => {
  let pki: DevPki;
  let issuing: ParsedCertificate;
  /** Issued by the TEST issuing CA into the CRL partition PARTITION. */
  let member: ParsedCertificate;
  const cache = new CertificateCache();

  const statusWith = async (scope: readonly string[]): Promise<string> => {
    const folder = mkdtempSync(join(pki.dir, '..', 'partition-crl-'));
    mkdirSync(folder, { recursive: true });
    opensslCrlWithScope(pki, folder, scope);
    const source = await DirectoryCrlSource.load(folder);
    expect(source.problems).toEqual([]);
    const outcome = await new CrlRevocationChecker([source]).check({
      certificate: member,
      issuer: issuing,
      validationTime: new Date(),
    });
    return outcome.status;
  };

  beforeAll(async () => {
    pki = await generateSpecDevPki('crl-partition');
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
    await expect(statusWith([`fullname = URI:${PARTITION}`, 'onlyuser = TRUE'])).resolves.toBe(
      'good',
    );
  });

  it.each([
    ['another URI', ['fullname = URI:http://crl.test.invalid/partition-7.crl']],
    ['a directory name', ['fullname = dirName:partition', '[partition]', 'CN = Partition 7']],
    ['a name relative to the CRL issuer', ['relativename = partition', '[partition]', 'CN = 7']],
  ])('never answers good from a partition named by %s', async (_, scope) => {
    await expect(statusWith(scope)).resolves.toBe('unknown');
  });
});
