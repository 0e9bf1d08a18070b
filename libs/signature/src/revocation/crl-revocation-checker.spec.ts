import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { writeDevIssuingCaCrl } from '@docaxis/signature/testing/dev-issuing-ca-crl';
import { CertificateCache } from '@docaxis/signature/trust/certificate-cache';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';
import { generateSpecDevPki } from '@docaxis/signature/verification/dev-pki-spec-fixture';
import { parseCrl } from './certificate-revocation-list';
import { CrlRevocationChecker } from './crl-revocation-checker';
import { DirectoryCrlSource } from './directory-crl-source';
import { FirstConclusiveRevocationChecker } from './first-conclusive-revocation-checker';
import type { RevocationChecker } from './revocation-checker';

const DAY = 24 * 60 * 60 * 1000;

describe('CRL revocation checking (dev PKI)', () => {
  let pki: DevPki;
  let source: DirectoryCrlSource;
  let checker: CrlRevocationChecker;
  let issuing: ParsedCertificate;
  let root: ParsedCertificate;
  const cache = new CertificateCache();
  const now = new Date();

  beforeAll(async () => {
    pki = await generateSpecDevPki('revocation', now);
    source = await DirectoryCrlSource.load(pki.crlDir);
    checker = new CrlRevocationChecker([source]);
    issuing = cache.parse(pki.issuing.certDer);
    root = cache.parse(pki.root.certDer);
  });

  it('loads each CRL once although the folder holds it as DER and as PEM', () => {
    expect(source.crlCount).toBe(2);
    expect(source.problems).toEqual([]);
  });

  it('parses the issuing CA CRL as the generator wrote it', () => {
    const crl = parseCrl(pki.crlDer('issuing-ca'));
    const manifest = pki.manifest.crls['issuing-ca'];
    expect(crl.thisUpdate.toISOString()).toBe(new Date(manifest.thisUpdate).toISOString());
    expect(crl.nextUpdate?.toISOString()).toBe(new Date(manifest.nextUpdate).toISOString());
    expect([...crl.entries.keys()].sort()).toEqual(
      manifest.revoked.map((r) => r.serialNumberHex).sort(),
    );
  });

  it('says good for a certificate not on a current, verified CRL', async () => {
    const seal = cache.parse(pki.agency('000.00.00.G22').organization.certDer);
    await expect(
      checker.check({ certificate: seal, issuer: issuing, validationTime: now }),
    ).resolves.toMatchObject({
      status: 'good',
      source: 'crl',
    });
    await expect(
      checker.check({ certificate: issuing, issuer: root, validationTime: now }),
    ).resolves.toMatchObject({
      status: 'good',
    });
  });

  it('reports a revoked certificate with its date and reason', async () => {
    const revoked = cache.parse(pki.special('revoked-organization').certDer);
    const outcome = await checker.check({
      certificate: revoked,
      issuer: issuing,
      validationTime: now,
    });
    expect(outcome).toMatchObject({ status: 'revoked', source: 'crl', reason: 'keyCompromise' });
    if (outcome.status !== 'revoked') throw new Error('unreachable');
    expect(Math.abs(outcome.revokedAt.getTime() - (now.getTime() - 10 * DAY))).toBeLessThan(2000);
  });

  it("reads each entry's reason as the CA wrote it, and none where it wrote none", async () => {
    const outcomeOf = (name: 'superseded-organization' | 'revoked-without-reason-organization') =>
      checker.check({
        certificate: cache.parse(pki.special(name).certDer),
        issuer: issuing,
        validationTime: now,
      });
    await expect(outcomeOf('superseded-organization')).resolves.toMatchObject({
      status: 'revoked',
      reason: 'superseded',
    });
    const unreasoned = await outcomeOf('revoked-without-reason-organization');
    expect(unreasoned.status).toBe('revoked');
    expect(unreasoned).not.toHaveProperty('reason', expect.anything());
    expect(unreasoned).not.toHaveProperty('invalidityDate');
  });

  it("passes on an entry's invalidityDate (RFC 5280 §5.3.2) with its reason", async () => {
    const seal = cache.parse(pki.agency('000.00.00.G22').organization.certDer);
    const invalidSince = new Date(Math.floor((now.getTime() - 3 * DAY) / 1000) * 1000);
    const dir = mkdtempSync(join(pki.dir, '..', 'invalidity-crl-'));
    writeDevIssuingCaCrl(pki, dir, {
      thisUpdate: new Date(now.getTime() - 60_000),
      nextUpdate: new Date(now.getTime() + DAY),
      crlNumber: 7,
      revoked: [
        {
          serialNumber: Buffer.from(seal.serialNumber, 'hex'),
          revocationDate: new Date(now.getTime() - DAY),
          reason: 'superseded',
          invalidityDate: invalidSince,
        },
      ],
    });
    const outcome = await new CrlRevocationChecker([await DirectoryCrlSource.load(dir)]).check({
      certificate: seal,
      issuer: issuing,
      validationTime: now,
    });
    expect(outcome).toMatchObject({ status: 'revoked', reason: 'superseded' });
    if (outcome.status !== 'revoked') throw new Error('unreachable');
    expect(outcome.invalidityDate?.toISOString()).toBe(invalidSince.toISOString());
  });

  it('answers unknown (never good) without a usable CRL', async () => {
    const seal = cache.parse(pki.agency('000.00.00.G22').organization.certDer);
    const emptyDir = mkdtempSync(join(pki.dir, '..', 'no-crl-'));
    const empty = new CrlRevocationChecker([await DirectoryCrlSource.load(emptyDir)]);
    await expect(
      empty.check({ certificate: seal, issuer: issuing, validationTime: now }),
    ).resolves.toMatchObject({
      status: 'unknown',
      source: 'none',
      note: expect.stringContaining('no CRL available'),
    });
    const later = new Date(now.getTime() + 30 * DAY);
    await expect(
      checker.check({ certificate: seal, issuer: issuing, validationTime: later }),
    ).resolves.toMatchObject({
      status: 'unknown',
      note: expect.stringContaining('stale'),
    });
  });

  it('ignores a CRL whose signature does not verify with the proven issuer key', async () => {
    const seal = cache.parse(pki.agency('000.00.00.G22').organization.certDer);
    const rogueRoot = cache.parse(pki.special('rogue-root-ca').certDer);
    await expect(
      checker.check({ certificate: issuing, issuer: rogueRoot, validationTime: now }),
    ).resolves.toMatchObject({
      status: 'unknown',
      note: expect.stringContaining('signature does not verify'),
    });
    const tamperedDir = join(pki.dir, '..', 'tampered-crl');
    mkdirSync(tamperedDir, { recursive: true });
    const tampered = Buffer.from(pki.crlDer('issuing-ca'));
    tampered[tampered.length - 300] ^= 0x01; // inside the signed TBSCertList (entries, extensions)
    writeFileSync(join(tamperedDir, 'issuing-ca.crl'), tampered);
    const tamperedChecker = new CrlRevocationChecker([await DirectoryCrlSource.load(tamperedDir)]);
    const outcome = await tamperedChecker.check({
      certificate: seal,
      issuer: issuing,
      validationTime: now,
    });
    expect(outcome.status).toBe('unknown');
  });

  it('asks the next checker only while the previous ones do not know', async () => {
    const unknown: RevocationChecker = {
      check: () =>
        Promise.resolve({ status: 'unknown', source: 'none', note: 'OCSP responder unreachable' }),
    };
    const revoked = cache.parse(pki.special('revoked-organization').certDer);
    const chained = new FirstConclusiveRevocationChecker([unknown, checker]);
    await expect(
      chained.check({ certificate: revoked, issuer: issuing, validationTime: now }),
    ).resolves.toMatchObject({
      status: 'revoked',
    });
    const allUnknown = new FirstConclusiveRevocationChecker([unknown, unknown]);
    await expect(
      allUnknown.check({ certificate: revoked, issuer: issuing, validationTime: now }),
    ).resolves.toEqual({
      status: 'unknown',
      source: 'none',
      note: 'OCSP responder unreachable; OCSP responder unreachable',
    });
  });
});
