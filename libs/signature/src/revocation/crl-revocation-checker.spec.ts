import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RevokedCertificateEntry } from '@docaxis/signature/pki/crl-builder';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import {
  writeDevIssuingCaCrl,
  writeDevIssuingCaDeltaCrl,
} from '@docaxis/signature/testing/dev-issuing-ca-crl';
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

  const serialOf = (certificate: ParsedCertificate): Buffer =>
    Buffer.from(certificate.serialNumber, 'hex');

  /**
   * A checker over a folder whose issuing CA CRL is complete CRL number 20 listing `revoked`, with
   * the delta CRLs `deltas` beside it (each a minute newer than the complete CRL's thisUpdate).
   */
  const checkerOver = async (
    revoked: readonly RevokedCertificateEntry[],
    deltas: readonly {
      crlNumber: number;
      deltaOf: number;
      revoked: RevokedCertificateEntry[];
    }[] = [],
  ): Promise<CrlRevocationChecker> => {
    const dir = mkdtempSync(join(pki.dir, '..', 'crl-folder-'));
    const window = {
      thisUpdate: new Date(now.getTime() - 120_000),
      nextUpdate: new Date(now.getTime() + DAY),
    };
    writeDevIssuingCaCrl(pki, dir, { ...window, crlNumber: 20, revoked });
    for (const delta of deltas) {
      writeDevIssuingCaDeltaCrl(pki, dir, {
        ...window,
        thisUpdate: new Date(now.getTime() - 60_000),
        ...delta,
      });
    }
    return new CrlRevocationChecker([await DirectoryCrlSource.load(dir)]);
  };

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
    const outcome = await (
      await checkerOver([
        {
          serialNumber: serialOf(seal),
          revocationDate: new Date(now.getTime() - DAY),
          reason: 'superseded',
          invalidityDate: invalidSince,
        },
      ])
    ).check({ certificate: seal, issuer: issuing, validationTime: now });
    expect(outcome).toMatchObject({ status: 'revoked', reason: 'superseded' });
    if (outcome.status !== 'revoked') throw new Error('unreachable');
    expect(outcome.invalidityDate?.toISOString()).toBe(invalidSince.toISOString());
  });

  describe('certificateHold, removeFromCRL and delta CRLs (RFC 5280 §5.2.4, §5.3.1)', () => {
    let seal: ParsedCertificate;
    let heldSince: Date;
    const hold = (): RevokedCertificateEntry => ({
      serialNumber: serialOf(seal),
      revocationDate: heldSince,
      reason: 'certificateHold',
    });
    const released = (): RevokedCertificateEntry => ({ ...hold(), reason: 'removeFromCRL' });
    const check = (checker: CrlRevocationChecker) =>
      checker.check({ certificate: seal, issuer: issuing, validationTime: now });

    beforeAll(() => {
      seal = cache.parse(pki.agency('000.00.00.G22').organization.certDer);
      heldSince = new Date(Math.floor((now.getTime() - DAY) / 1000) * 1000);
    });

    it('reports a certificate on hold as listed with its reason: the time rule decides the rest', async () => {
      const outcome = await check(await checkerOver([hold()]));
      expect(outcome).toMatchObject({ status: 'revoked', reason: 'certificateHold' });
      if (outcome.status !== 'revoked') throw new Error('unreachable');
      expect(outcome.revokedAt.toISOString()).toBe(heldSince.toISOString());
    });

    it('a delta CRL entry removeFromCRL releases the hold: good, and says by which CRL', async () => {
      const checker = await checkerOver(
        [hold()],
        [{ crlNumber: 21, deltaOf: 20, revoked: [released()] }],
      );
      await expect(check(checker)).resolves.toMatchObject({
        status: 'good',
        source: 'crl',
        note: expect.stringMatching(
          /^released from hold \(removeFromCRL\) by delta CRL 21 of /,
        ) as unknown,
      });
    });

    it('a delta CRL turning the hold into a revocation reports that revocation', async () => {
      const revokedNow = new Date(Math.floor((now.getTime() - 90_000) / 1000) * 1000);
      const checker = await checkerOver(
        [hold()],
        [
          {
            crlNumber: 21,
            deltaOf: 20,
            revoked: [{ ...hold(), revocationDate: revokedNow, reason: 'keyCompromise' }],
          },
        ],
      );
      const outcome = await check(checker);
      expect(outcome).toMatchObject({ status: 'revoked', reason: 'keyCompromise' });
      if (outcome.status !== 'revoked') throw new Error('unreachable');
      expect(outcome.revokedAt.toISOString()).toBe(revokedNow.toISOString());
    });

    it('ignores a delta CRL for a newer base, or no newer than the complete CRL: the hold stands', async () => {
      const checker = await checkerOver(
        [hold()],
        [
          { crlNumber: 31, deltaOf: 30, revoked: [released()] },
          { crlNumber: 19, deltaOf: 18, revoked: [released()] },
        ],
      );
      await expect(check(checker)).resolves.toMatchObject({
        status: 'revoked',
        reason: 'certificateHold',
      });
    });

    it('a delta CRL not listing the certificate leaves the complete CRL its say', async () => {
      const other = { ...released(), serialNumber: Buffer.from('01', 'hex') };
      const checker = await checkerOver(
        [hold()],
        [{ crlNumber: 21, deltaOf: 20, revoked: [other] }],
      );
      await expect(check(checker)).resolves.toMatchObject({
        status: 'revoked',
        reason: 'certificateHold',
      });
    });

    it('reads removeFromCRL in a complete CRL as not listed, as OpenSSL does', async () => {
      await expect(check(await checkerOver([released()]))).resolves.toMatchObject({
        status: 'good',
        note: expect.stringContaining('released from hold (removeFromCRL) by CRL 20') as unknown,
      });
    });

    it('answers unknown with delta CRLs only: a delta says nothing of what it does not list', async () => {
      const dir = mkdtempSync(join(pki.dir, '..', 'delta-only-'));
      writeDevIssuingCaDeltaCrl(pki, dir, {
        thisUpdate: new Date(now.getTime() - 60_000),
        nextUpdate: new Date(now.getTime() + DAY),
        crlNumber: 21,
        deltaOf: 20,
        revoked: [released()],
      });
      const checker = new CrlRevocationChecker([await DirectoryCrlSource.load(dir)]);
      await expect(check(checker)).resolves.toMatchObject({
        status: 'unknown',
        note: expect.stringContaining('only delta CRLs, no complete CRL they update') as unknown,
      });
    });
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
