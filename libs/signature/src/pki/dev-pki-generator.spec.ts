import { spawnSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { testRunDir } from '@docaxis/testing/test-run';
import {
  AGENCY_CODE_SUBJECT_ATTRIBUTE_OID,
  DEV_ORGANIZATION_POLICY_OID,
  DEV_PERSON_POLICY_OID,
} from './certificate-profile';
import { readDevAgenciesFile, type DevAgency } from './dev-agency';
import { generateDevPki } from './dev-pki-generator';
import { loadDevPki, type DevPki, type DevPkiCredential } from './dev-pki-loader';
import { DEV_PKI_SPECIAL_NAMES, type DevPkiManifest } from './dev-pki-manifest';
import { ensureDevPki } from './dev-pki-provisioner';

const SEED_AGENCIES = readDevAgenciesFile(join(__dirname, '../../../../certs/dev-agencies.json'));
const G22: DevAgency = SEED_AGENCIES.find((agency) => agency.code === '000.00.00.G22')!;
const CRL_BASE_URL = 'http://127.0.0.1:8088/crl';

/** openssl as an independent oracle: exit status and everything it printed. */
function openssl(...args: string[]): { ok: boolean; output: string } {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

function certText(credential: { certPath: string }): string {
  return openssl('x509', '-in', credential.certPath, '-noout', '-text', '-nameopt', 'utf8').output;
}

function filesUnder(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(root, join(dir, entry.name))
      : [relative(root, join(dir, entry.name))],
  );
}

function freshDir(name: string): string {
  const parent = join(testRunDir(), 'dev-pki-generator');
  mkdirSync(parent, { recursive: true });
  return join(mkdtempSync(join(parent, `${name}-`)), 'pki');
}

describe('generateDevPki', () => {
  let pki: DevPki;
  let manifest: DevPkiManifest;
  const now = new Date();

  beforeAll(async () => {
    const outDir = freshDir('seed');
    manifest = await generateDevPki({
      outDir,
      agencies: SEED_AGENCIES,
      now,
      crlBaseUrl: `${CRL_BASE_URL}/`,
    });
    pki = loadDevPki(outDir);
  });

  const verify = (credential: DevPkiCredential, ...extra: string[]) =>
    openssl(
      'verify',
      '-CAfile',
      pki.root.certPath,
      '-untrusted',
      pki.issuing.certPath,
      '-CRLfile',
      pki.crl('issuing-ca').pemPath,
      '-crl_check',
      ...extra,
      credential.certPath,
    );

  describe('openssl verify -crl_check against the real root', () => {
    it('accepts every agency certificate, the server and the axis certificate', () => {
      const good = [
        ...pki.agencies.flatMap((agency) => [
          agency.organization,
          agency.leader,
          agency.client,
          agency.clerk,
        ]),
        pki.operator('auditor'),
        pki.operator('admin'),
        pki.server,
        pki.axis,
        pki.special('ecdsa-p256-organization'),
        pki.special('ecdsa-p384-organization'),
      ];
      for (const credential of good) {
        const result = verify(credential);
        expect({ cert: credential.certPath, ...result }).toEqual({
          cert: credential.certPath,
          ok: true,
          output: `${credential.certPath}: OK\n`,
        });
      }
    });

    it('issues clerk and operator TLS client certificates under their agency code', () => {
      for (const credential of [
        pki.agency('000.00.00.H41').clerk,
        pki.operator('auditor'),
        pki.operator('admin'),
      ]) {
        const text = certText(credential);
        expect(text).toContain('TLS Web Client Authentication');
        expect(credential.subject).toMatch(/OU=000\.00\.0[0-9]\.(H41|G22)/);
      }
      expect(pki.operator('admin').agencyCode).toBe('000.00.00.G22');
    });

    it('accepts the issuing CA against the root CRL', () => {
      const result = openssl(
        'verify',
        '-CAfile',
        pki.root.certPath,
        '-CRLfile',
        pki.crl('root-ca').pemPath,
        '-crl_check',
        pki.issuing.certPath,
      );
      expect(result).toEqual({ ok: true, output: `${pki.issuing.certPath}: OK\n` });
    });

    it.each([
      'revoked-organization',
      'superseded-organization',
      'revoked-without-reason-organization',
      'held-organization',
      'revoked-client',
      'revoked-timestamping-authority',
    ] as const)('refuses %s as revoked', (name) => {
      const result = verify(pki.special(name));
      expect(result.ok).toBe(false);
      expect(result.output).toContain('certificate revoked');
    });

    it.each(['expired-organization', 'expired-client'] as const)(
      'refuses %s as expired',
      (name) => {
        const result = verify(pki.special(name));
        expect(result.ok).toBe(false);
        expect(result.output).toContain('certificate has expired');
      },
    );

    it('refuses the not-yet-valid organization certificate', () => {
      const result = verify(pki.special('not-yet-valid-organization'));
      expect(result.ok).toBe(false);
      expect(result.output).toContain('certificate is not yet valid');
    });

    it('refuses the rogue organization certificate, which chains only to the rogue root', () => {
      const rogue = pki.special('rogue-organization');
      const againstReal = verify(rogue);
      expect(againstReal.ok).toBe(false);
      expect(againstReal.output).toContain('unable to get local issuer certificate');

      const againstRogue = openssl(
        'verify',
        '-CAfile',
        pki.special('rogue-root-ca').certPath,
        rogue.certPath,
      );
      expect(againstRogue).toEqual({ ok: true, output: `${rogue.certPath}: OK\n` });
    });

    it('refuses the wrong-key-usage certificate for S/MIME signing, accepts the real seal', () => {
      const wrong = verify(pki.special('wrong-key-usage-organization'), '-purpose', 'smimesign');
      expect(wrong.ok).toBe(false);
      expect(wrong.output).toContain('unsuitable certificate purpose');
      expect(verify(pki.agency(G22.code).organization, '-purpose', 'smimesign').ok).toBe(true);
    });

    it('accepts client certificates for TLS client auth and the gateway for TLS server auth', () => {
      expect(verify(pki.agency(G22.code).client, '-purpose', 'sslclient').ok).toBe(true);
      expect(verify(pki.server, '-purpose', 'sslserver').ok).toBe(true);
      expect(verify(pki.agency(G22.code).organization, '-purpose', 'sslclient').ok).toBe(false);
    });
  });

  describe('certificate contents (openssl x509 -text)', () => {
    it('root CA: name, CA:TRUE critical, keyCertSign+cRLSign critical, SKI, 20 more years', () => {
      const text = certText(pki.root);
      expect(text).toContain(
        'Subject: C=VN, O=docaxis TEST PKI, CN=TEST Dedicated Government Root CA (docaxis development only)',
      );
      expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE\n/);
      expect(text).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign\n/);
      expect(text).toContain('Subject Key Identifier');
      expect(text).not.toContain('Authority Key Identifier');
      const x509 = new X509Certificate(pki.root.certPem);
      expect(x509.subject).toBe(x509.issuer);
      const yearsLeft = (new Date(x509.validTo).getTime() - now.getTime()) / (365 * 86_400_000);
      expect(Math.round(yearsLeft)).toBe(20);
    });

    it('issuing CA: pathlen 0, AKI = root SKI, CRL distribution point of the root CRL', () => {
      const text = certText(pki.issuing);
      expect(text).toContain(
        'Subject: C=VN, O=docaxis TEST PKI, CN=TEST Issuing CA for State Agencies (docaxis development only)',
      );
      expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE, pathlen:0\n/);
      expect(text).toContain(`URI:${CRL_BASE_URL}/root-ca.crl`);
      const rootSki = /Subject Key Identifier:\s+([0-9A-F:]+)/.exec(certText(pki.root))![1];
      expect(text).toMatch(new RegExp(`Authority Key Identifier:\\s+${rootSki}`));
    });

    it('organization seal: subject, OU = agency code, key usages, EKU, policy, CDP', () => {
      const text = certText(pki.agency(G22.code).organization);
      expect(text).toContain(
        'Subject: C=VN, O=Văn phòng Chính phủ, OU=000.00.00.G22, CN=Văn phòng Chính phủ',
      );
      expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation\n/);
      expect(text).toMatch(/Extended Key Usage:\s+E-mail Protection\n/);
      expect(text).toContain(`Policy: ${DEV_ORGANIZATION_POLICY_OID}`);
      expect(text).toContain(`URI:${CRL_BASE_URL}/issuing-ca.crl`);
      expect(text).toContain('Authority Key Identifier');
    });

    it('leader: full name, title = position, person policy', () => {
      const agency = pki.agency('000.00.14.H20');
      const text = certText(agency.leader);
      expect(text).toContain(
        'Subject: C=VN, O=Sở Thông tin và Truyền thông tỉnh Đồng Tháp, OU=000.00.14.H20, ' +
          'title=Giám đốc Sở, CN=Võ Thị Ngọc Lan',
      );
      expect(agency.leader.fullName).toBe('Võ Thị Ngọc Lan');
      expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation\n/);
      expect(text).toContain(`Policy: ${DEV_PERSON_POLICY_OID}`);
      expect(text).not.toContain(DEV_ORGANIZATION_POLICY_OID);
    });

    it('client: "<agency> document system", TLS client usages', () => {
      const text = certText(pki.agency('000.00.00.H41').client);
      expect(text).toContain(
        'Subject: C=VN, O=Ủy ban nhân dân tỉnh Nghệ An, OU=000.00.00.H41, ' +
          'CN=Ủy ban nhân dân tỉnh Nghệ An document system',
      );
      expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Key Encipherment\n/);
      expect(text).toMatch(/Extended Key Usage:\s+TLS Web Client Authentication\n/);
    });

    it('gateway: SAN localhost, 127.0.0.1 and ::1, TLS server usage; CA bundle = issuing + root', () => {
      const text = certText(pki.server);
      expect(text).toContain('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
      expect(text).toMatch(/Extended Key Usage:\s+TLS Web Server Authentication\n/);
      expect(pki.server.caBundlePem).toBe(pki.issuing.certPem + pki.root.certPem);
    });

    it('axis: OU AXIS, signing usages', () => {
      const text = certText(pki.axis);
      expect(text).toContain('OU=AXIS');
      expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation\n/);
    });

    it('special certificates: EC keys, wrong key usage, rogue root with the real root name', () => {
      expect(certText(pki.special('ecdsa-p256-organization'))).toContain('NIST CURVE: P-256');
      expect(certText(pki.special('ecdsa-p384-organization'))).toContain('NIST CURVE: P-384');
      expect(certText(pki.special('wrong-key-usage-organization'))).toMatch(
        /Key Usage: critical\s+Key Encipherment\n/,
      );
      const rogue = new X509Certificate(pki.special('rogue-root-ca').certPem);
      const real = new X509Certificate(pki.root.certPem);
      expect(rogue.subject).toBe(real.subject);
      expect(rogue.fingerprint256).not.toBe(real.fingerprint256);
      expect(rogue.publicKey.equals(real.publicKey)).toBe(false);
      const agencyNeutral = [
        'rogue-root-ca',
        'ocsp-responder',
        'timestamping-authority',
        'expired-timestamping-authority',
        'revoked-timestamping-authority',
      ];
      for (const name of DEV_PKI_SPECIAL_NAMES.filter((n) => !agencyNeutral.includes(n))) {
        expect(pki.special(name).subject).toContain(`OU=${G22.code}`);
      }
      // The TEST OCSP responder and TSA: issued by the issuing CA, for their one purpose.
      const responder = certText(pki.special('ocsp-responder'));
      expect(responder).toContain('OCSP Signing');
      expect(responder).toContain('OCSP No Check');
      for (const name of ['timestamping-authority', 'revoked-timestamping-authority'] as const) {
        expect(certText(pki.special(name))).toMatch(
          /X509v3 Extended Key Usage: critical\s+Time Stamping/,
        );
      }
    });

    it('validity windows of the special certificates are relative to `now`', () => {
      const day = 24 * 60 * 60 * 1000;
      const expired = pki.special('expired-organization');
      expect(expired.notAfter.getTime()).toBe(Math.floor((now.getTime() - 30 * day) / 1000) * 1000);
      const expiredTsa = pki.special('expired-timestamping-authority');
      expect(expiredTsa.notAfter.getTime()).toBe(expired.notAfter.getTime());
      expect(certText(expiredTsa)).toMatch(/X509v3 Extended Key Usage: critical\s+Time Stamping/);
      const future = pki.special('not-yet-valid-organization');
      expect(future.notBefore.getTime()).toBe(Math.floor((now.getTime() + 30 * day) / 1000) * 1000);
    });
  });

  describe('CRLs', () => {
    it('issuing CA CRL: v2, signed by the issuing CA, lists the revoked certificates', () => {
      const crl = pki.crl('issuing-ca');
      const check = openssl(
        'crl',
        '-in',
        crl.derPath,
        '-inform',
        'DER',
        '-noout',
        '-CAfile',
        pki.issuing.certPath,
      );
      expect(check).toEqual({ ok: true, output: 'verify OK\n' });
      const text = openssl('crl', '-in', crl.pemPath, '-noout', '-text').output;
      expect(text).toContain('Version 2 (0x1)');
      expect(text).toContain('X509v3 CRL Number');
      expect(text).toContain('X509v3 Authority Key Identifier');
      const revokedNames = [
        'revoked-organization',
        'superseded-organization',
        'revoked-without-reason-organization',
        'held-organization',
        'revoked-client',
        'revoked-timestamping-authority',
      ] as const;
      for (const name of revokedNames) {
        expect(text).toContain(`Serial Number: ${pki.special(name).serialNumberHex}`);
      }
      // openssl, independently of our parser, reads the reason code of each entry.
      const reasonOf = (name: (typeof revokedNames)[number]): string | undefined => {
        const entry = text
          .split('Serial Number: ')
          .find((part) => part.startsWith(pki.special(name).serialNumberHex));
        return /X509v3 CRL Reason Code:\s*\n\s*(.+)\n/.exec(entry ?? '')?.[1]?.trim();
      };
      expect(reasonOf('revoked-organization')).toBe('Key Compromise');
      expect(reasonOf('revoked-timestamping-authority')).toBe('Key Compromise');
      expect(reasonOf('superseded-organization')).toBe('Superseded');
      expect(reasonOf('revoked-without-reason-organization')).toBeUndefined();
      expect(reasonOf('held-organization')).toBe('Certificate Hold');
      expect(text.match(/Key Compromise/g)).toHaveLength(3);
      expect(text).not.toContain(pki.agency(G22.code).organization.serialNumberHex);
      expect(manifest.crls['issuing-ca'].revoked.map((entry) => entry.holder)).toEqual([
        'special/revoked-organization',
        'special/superseded-organization',
        'special/revoked-without-reason-organization',
        'special/held-organization',
        'special/revoked-client',
        'special/revoked-timestamping-authority',
      ]);
    });

    it('root CA CRL: empty, signed by the root, next update in 7 days', () => {
      const text = openssl('crl', '-in', pki.crl('root-ca').pemPath, '-noout', '-text').output;
      expect(text).toContain('No Revoked Certificates');
      const nextUpdate = new Date(manifest.crls['root-ca'].nextUpdate).getTime();
      expect(nextUpdate).toBe(Math.floor((now.getTime() + 7 * 24 * 60 * 60 * 1000) / 1000) * 1000);
      expect(pki.crlDer('root-ca')[0]).toBe(0x30);
    });
  });

  describe('files', () => {
    it('lists exactly the files on disk in the manifest', () => {
      expect(filesUnder(pki.dir).sort()).toEqual(manifest.files.map((file) => file.path).sort());
    });

    it('writes keys as PKCS#8 PEM, mode 0600, matching their certificates', () => {
      const credentials = [
        pki.root,
        pki.issuing,
        pki.server,
        pki.axis,
        ...pki.agencies.flatMap((agency) => [agency.organization, agency.leader, agency.client]),
        ...DEV_PKI_SPECIAL_NAMES.map((name) => pki.special(name)),
      ];
      for (const credential of credentials) {
        expect(credential.keyPem.startsWith('-----BEGIN PRIVATE KEY-----\n')).toBe(true);
        expect(statSync(credential.keyPath).mode & 0o777).toBe(0o600);
        const x509 = new X509Certificate(credential.certPem);
        expect(x509.checkPrivateKey(createPrivateKey(credential.keyPem))).toBe(true);
        expect(x509.serialNumber).toBe(credential.serialNumberHex);
      }
      expect(pki.root.keyPath).toBe(join(pki.dir, 'private/root-ca.key.pem'));
      expect(pki.issuing.keyPath).toBe(join(pki.dir, 'private/issuing-ca.key.pem'));
      expect(pki.special('rogue-root-ca').keyPath).toBe(
        join(pki.dir, 'private/rogue-root-ca.key.pem'),
      );
      expect(statSync(join(pki.dir, 'private')).mode & 0o777).toBe(0o700);
    });

    it('uses the layout the apps are configured with', () => {
      expect(pki.trustDir).toBe(join(pki.dir, 'trust'));
      expect(readdirSync(pki.trustDir).sort()).toEqual(['intermediates', 'root-ca.pem']);
      expect(readdirSync(pki.intermediatesDir)).toEqual(['issuing-ca.pem']);
      expect(readdirSync(pki.crlDir).sort()).toEqual([
        'issuing-ca.crl',
        'issuing-ca.crl.pem',
        'root-ca.crl',
        'root-ca.crl.pem',
      ]);
    });

    it('says in capitals that this is a test PKI, and records the profile OIDs', () => {
      expect(readFileSync(join(pki.dir, 'README.txt'), 'utf8')).toContain(
        'THIS IS A TEST PKI GENERATED FOR DOCAXIS DEVELOPMENT',
      );
      expect(manifest.policyOids).toEqual({
        organization: DEV_ORGANIZATION_POLICY_OID,
        person: DEV_PERSON_POLICY_OID,
      });
      expect(manifest.agencyCodeSubjectAttributeOid).toBe(AGENCY_CODE_SUBJECT_ATTRIBUTE_OID);
      expect(manifest.crlBaseUrl).toBe(CRL_BASE_URL);
    });
  });

  describe('refusals', () => {
    it('refuses to overwrite an existing PKI unless asked', async () => {
      await expect(generateDevPki({ outDir: pki.dir, agencies: [G22] })).rejects.toMatchObject({
        code: 'DEV_PKI_OUTPUT_EXISTS',
      });
      expect(loadDevPki(pki.dir).root.sha256Fingerprint).toBe(pki.root.sha256Fingerprint);
    });

    it.each([
      ['a missing G22', [{ ...G22, code: '000.00.00.H41' }]],
      ['a duplicate code', [G22, G22]],
      ['an unknown parent', [G22, { ...G22, code: '000.00.01.G22', parentCode: '000.00.00.G99' }]],
      ['a malformed code', [G22, { ...G22, code: 'g22' }]],
      ['a blank leader name', [{ ...G22, leader: { fullName: ' ', position: 'x' } }]],
    ])('refuses an agency list with %s', async (_label, agencies) => {
      await expect(
        generateDevPki({ outDir: freshDir('invalid'), agencies: agencies }),
      ).rejects.toMatchObject({ code: 'DEV_PKI_AGENCIES_INVALID' });
    });

    it('loadDevPki reports a folder without a manifest', () => {
      expect(() => loadDevPki(freshDir('empty'))).toThrow(
        expect.objectContaining({ code: 'DEV_PKI_NOT_FOUND' }),
      );
    });

    it('lookups of unknown entries name what exists', () => {
      expect(() => pki.agency('000.00.00.X99')).toThrow(
        expect.objectContaining({ code: 'DEV_PKI_ENTRY_UNKNOWN' }),
      );
    });
  });
});

describe('ensureDevPki', () => {
  it('generates when missing, keeps a fresh PKI, regenerates when the CRLs are about to expire', async () => {
    const outDir = freshDir('ensure');
    const now = new Date();
    const first = await ensureDevPki({ outDir, agencies: [G22], now });
    expect(first.generatedBecause).toBe('none was there to keep: no manifest.json');

    const kept = await ensureDevPki({
      outDir,
      agencies: [G22],
      now: new Date(now.getTime() + 1000),
    });
    expect(kept.generatedBecause).toBeNull();
    expect(kept.pki.root.sha256Fingerprint).toBe(first.pki.root.sha256Fingerprint);

    const sixDaysLater = new Date(now.getTime() + 6.5 * 24 * 60 * 60 * 1000);
    const renewed = await ensureDevPki({ outDir, agencies: [G22], now: sixDaysLater });
    expect(renewed.generatedBecause).toMatch(/^its CRLs expire at /);
    expect(renewed.pki.root.sha256Fingerprint).not.toBe(first.pki.root.sha256Fingerprint);
    expect(renewed.pki.manifest.generatedAt).toBe(sixDaysLater.toISOString());
  });
});
