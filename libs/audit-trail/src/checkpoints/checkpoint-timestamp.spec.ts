import { mkdirSync, mkdtempSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import type { CrlReason } from '@docaxis/signature/pki/x509-extensions';
import {
  writeDevIssuingCaCrl,
  writeDevIssuingCaDeltaCrl,
} from '@docaxis/signature/testing/dev-issuing-ca-crl';
import type { RevocationChecker } from '@docaxis/signature/revocation/revocation-checker';
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
import { TsaCrlDirError } from './tsa-crl-dir.error';
import type { TsaRevocationFinding } from './tsa-revocation-finding';
import { TsaTrustFileError } from './tsa-trust-file.error';

/**
 * RFC 3161 tokens over a checkpoint's CMS from a TEST TSA (`openssl ts -reply`, or the TSTInfo
 * re-signed by `openssl cms -sign` for certificates openssl's TSA refuses), judged against a TSA
 * trust anchor bundle.
 */
/** A revocation source for which the TSA's certificate is revoked at `revokedAt`, the rest good. */
function tsaRevoked(revokedAt: Date, reason: string): RevocationChecker {
  return {
    check: ({ certificate }) =>
      Promise.resolve(
        certificate.subject.text.includes('Time-Stamping')
          ? { status: 'revoked', source: 'crl', producedAt: new Date(), revokedAt, reason }
          : { status: 'good', source: 'crl', producedAt: new Date() },
      ),
  };
}

/**
 * A valid token from a trusted TSA whose revocation the answer says was NOT checked, and why: in
 * English, and as the findings a Vietnamese report words (about the TSA's own certificate).
 */
function trustedButNotChecked(why: RegExp, finding: TsaRevocationFinding['kind']): object {
  return {
    valid: true,
    tsaChain: 'trusted',
    tsaRevocation: {
      status: 'not-checked',
      note: expect.stringMatching(why) as unknown,
      findings: expect.arrayContaining([
        expect.objectContaining({
          kind: finding,
          certificate: expect.objectContaining({ role: 'tsa' }),
        }),
      ]) as unknown,
    },
  };
}

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

  it('without TSA trust: valid, and says the TSA chain was not checked', async () => {
    expect(await checkTimestampToken(stamp(), checkpointCms)).toMatchObject({
      valid: true,
      tsaChain: 'not-checked',
      tsaRevocation: { status: 'not-checked', findings: [{ kind: 'no-trust-file' }] },
      authority: expect.stringContaining('TEST Time-Stamping Authority') as unknown,
    });
  });

  it('a good chain: the TEST TSA under the trusted root, valid at genTime', async () => {
    const before = Date.now() - 2000;
    const check = await checkTimestampToken(stamp(), checkpointCms, trusted);
    // No AUDIT_TSA_CRL_DIR: trusted, and the answer says revocation was not checked.
    expect(check).toMatchObject({
      valid: true,
      tsaChain: 'trusted',
      tsaRevocation: {
        status: 'not-checked',
        note: 'no AUDIT_TSA_CRL_DIR: TSA revocation NOT checked',
        findings: [{ kind: 'no-crl-dir' }],
      },
    });
    expect(check.valid && check.genTime.getTime()).toBeGreaterThan(before);
  });

  it('an untrusted root: the anchors are a root with the same name and another key', async () => {
    const rogue = TsaCertificateTrust.fromPemBundle(
      Buffer.from(pki.special('rogue-root-ca').certPem),
    );
    expect(await checkTimestampToken(stamp(), checkpointCms, rogue)).toEqual({
      valid: false,
      authority: true,
      reason: expect.stringContaining(
        'has no path to a configured TSA trust anchor whose signatures verify',
      ) as unknown,
    });
  });

  it('a certificate without id-kp-timeStamping chains, yet is no TSA', async () => {
    const token = resignedTimestampToken(stamp(), pki.axis, pki.issuing.certPath, dir);
    // The token itself verifies: only the TSA judgement refuses it.
    expect(await checkTimestampToken(token, checkpointCms)).toMatchObject({
      valid: true,
      tsaChain: 'not-checked',
    });
    expect(await checkTimestampToken(token, checkpointCms, trusted)).toEqual({
      valid: false,
      authority: true,
      reason: expect.stringMatching(/lacks the extended key usage id-kp-timeStamping$/) as unknown,
    });
  });

  it('a non-critical timeStamping extended key usage is refused (RFC 3161 §2.3: critical)', async () => {
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
    expect(await checkTimestampToken(token, checkpointCms, trusted)).toMatchObject({
      valid: false,
      reason: expect.stringContaining('non-critical extendedKeyUsage') as unknown,
    });
  });

  it('a TSA certificate expired at genTime', async () => {
    const token = stamp(pki.special('expired-timestamping-authority'));
    expect(await checkTimestampToken(token, checkpointCms, trusted)).toEqual({
      valid: false,
      authority: true,
      reason: expect.stringMatching(
        /is not valid at genTime .*CERTIFICATE_EXPIRED: .*expired at/,
      ) as unknown,
    });
  });

  it('a token over other bytes stays a token failure, whatever the trust', async () => {
    expect(await checkTimestampToken(stamp(), Buffer.from('other'), trusted)).toMatchObject({
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

  describe('revocation of the TSA path (AUDIT_TSA_CRL_DIR, the signature library CRL checker)', () => {
    const crlDir = () => dirname(pki.crl('issuing-ca').derPath);
    const load = (dir: string) =>
      TsaCertificateTrust.load({ AUDIT_TSA_TRUST_FILE: pki.root.certPath, AUDIT_TSA_CRL_DIR: dir });

    it('checks the TSA and its CA against the TEST CRLs: not revoked', async () => {
      const withCrls = await load(crlDir());
      expect(await checkTimestampToken(stamp(), checkpointCms, withCrls)).toMatchObject({
        valid: true,
        tsaChain: 'trusted',
        tsaRevocation: { status: 'good', note: null },
      });
    });

    it('refuses a TSA revoked before genTime (keyCompromise, 10 days ago)', async () => {
      const withCrls = await load(crlDir());
      const token = stamp(pki.special('revoked-timestamping-authority'));
      // Without the CRLs the same token passes: only revocation tells it apart.
      expect(await checkTimestampToken(token, checkpointCms, trusted)).toMatchObject({
        valid: true,
      });
      expect(await checkTimestampToken(token, checkpointCms, withCrls)).toEqual({
        valid: false,
        authority: true,
        reason: expect.stringMatching(
          /^TSA certificate ".*" \(serial [0-9A-F]+\) was revoked at .* \(keyCompromise\), before genTime /,
        ) as unknown,
      });
    });

    /**
     * A CRL folder whose issuing CA CRL (number 500) lists the TEST TSA at `revocationDate` for
     * `reason`, and, with `released`, a delta CRL (501) taking it off with removeFromCRL.
     */
    const crlDirListingTsa = (
      revocationDate: Date,
      reason?: CrlReason,
      released = false,
    ): string => {
      const folder = mkdtempSync(join(dir, 'tsa-listed-'));
      const now = Date.now();
      const window = { thisUpdate: new Date(now - 60_000), nextUpdate: new Date(now + 86_400_000) };
      const entry = {
        serialNumber: Buffer.from(pki.special('timestamping-authority').serialNumberHex, 'hex'),
        revocationDate,
        ...(reason ? { reason } : {}),
      };
      writeDevIssuingCaCrl(pki, folder, { ...window, crlNumber: 500, revoked: [entry] });
      if (released) {
        writeDevIssuingCaDeltaCrl(pki, folder, {
          ...window,
          crlNumber: 501,
          deltaOf: 500,
          revoked: [{ ...entry, reason: 'removeFromCRL' }],
        });
      }
      return folder;
    };

    /**
     * A CRL folder whose issuing CA CRL revokes the TEST TSA 10 minutes from now, after the
     * genTime of any token openssl makes now (it cannot backdate): only the reason decides.
     */
    const crlDirRevokingTsaLater = (reason?: CrlReason): string =>
      crlDirListingTsa(new Date(Date.now() + 10 * 60_000), reason);

    it.each([
      [
        'keyCompromise',
        /\(keyCompromise\): a compromise voids the TSA's own genTime .* \(RFC 3161 §4\)$/,
      ],
      [undefined, /\(no reason code\): a revocation without a reason voids the TSA's own genTime/],
      // Stricter than RFC 3161 §4, which keeps earlier tokens for an explicit unspecified (0):
      // decided in revocation-time-rule.ts (UNSTATED_REASON) and the README.
      [
        'unspecified',
        /\(unspecified\): a revocation for an unspecified reason voids the TSA's own genTime/,
      ],
    ] as const)(
      "refuses a token whose TSA is revoked after its genTime for %s: genTime is the TSA's claim",
      async (reason, why) => {
        const token = stamp();
        const check = await checkTimestampToken(
          token,
          checkpointCms,
          await load(crlDirRevokingTsaLater(reason)),
        );
        expect(check).toEqual({
          valid: false,
          authority: true,
          reason: expect.stringMatching(why),
        });
      },
    );

    it('keeps a token whose TSA is superseded after its genTime (real CRL)', async () => {
      const check = await checkTimestampToken(
        stamp(),
        checkpointCms,
        await load(crlDirRevokingTsaLater('superseded')),
      );
      expect(check).toMatchObject({
        valid: true,
        tsaRevocation: {
          status: 'revoked-after-gen-time',
          note: expect.stringContaining('(superseded), after genTime') as unknown,
          findings: [
            expect.objectContaining({
              kind: 'revoked-after',
              certificate: { role: 'tsa', subject: expect.stringContaining('Time-Stamping') },
              reason: 'superseded',
            }),
          ],
        },
      });
    });

    it('a TSA on hold is neither untrusted nor good: revocation NOT checked, and why', async () => {
      // Held since an hour before the token's genTime, and from 10 minutes after it: a hold is
      // undecided either way (before genTime it would otherwise be untrusted, after it good).
      for (const heldSince of [Date.now() - 3_600_000, Date.now() + 10 * 60_000]) {
        const check = await checkTimestampToken(
          stamp(),
          checkpointCms,
          await load(crlDirListingTsa(new Date(heldSince), 'certificateHold')),
        );
        expect(check).toMatchObject(
          trustedButNotChecked(
            /^TSA revocation NOT checked: TSA certificate ".*": on hold \(certificateHold\) since .*, undecided until its CA releases it \(removeFromCRL\) or revokes it$/,
            'on-hold',
          ),
        );
      }
    });

    it('a TSA whose hold a delta CRL released (removeFromCRL) is good again', async () => {
      const check = await checkTimestampToken(
        stamp(),
        checkpointCms,
        await load(crlDirListingTsa(new Date(Date.now() - 3_600_000), 'certificateHold', true)),
      );
      expect(check).toMatchObject({ valid: true, tsaRevocation: { status: 'good', note: null } });
    });

    it('says revocation was NOT checked when the folder has no CRL for the issuers', async () => {
      const empty = join(dir, 'no-crls');
      mkdirSync(empty, { recursive: true });
      const check = await checkTimestampToken(stamp(), checkpointCms, await load(empty));
      expect(check).toMatchObject(
        trustedButNotChecked(
          /^TSA revocation NOT checked: TSA certificate ".*": no CRL available for issuer/,
          'no-answer',
        ),
      );
    });

    it('keeps a token made before its TSA was revoked, and says so', async () => {
      const revokedLater = tsaRevoked(new Date(Date.now() + 3_600_000), 'cessationOfOperation');
      const laterTrust = TsaCertificateTrust.fromPemBundle(Buffer.from(pki.root.certPem), {
        revocation: revokedLater,
      });
      expect(await checkTimestampToken(stamp(), checkpointCms, laterTrust)).toMatchObject({
        valid: true,
        tsaRevocation: {
          status: 'revoked-after-gen-time',
          note: expect.stringContaining('(cessationOfOperation), after genTime') as unknown,
        },
      });
    });

    it('refuses a token whose TSA was revoked at its very genTime (at or before: untrusted)', async () => {
      const token = stamp();
      const unchecked = await checkTimestampToken(token, checkpointCms);
      if (!unchecked.valid) throw new Error(unchecked.reason);
      const revokedAtGenTime = tsaRevoked(unchecked.genTime, 'keyCompromise');
      const atGenTime = TsaCertificateTrust.fromPemBundle(Buffer.from(pki.root.certPem), {
        revocation: revokedAtGenTime,
      });
      expect(await checkTimestampToken(token, checkpointCms, atGenTime)).toEqual({
        valid: false,
        authority: true,
        reason: expect.stringContaining('(keyCompromise), before genTime') as unknown,
      });
    });

    it('says revocation was NOT checked for a TSA path expired since: CRLs may drop expired certificates', async () => {
      const notListed: RevocationChecker = {
        check: () => Promise.resolve({ status: 'good', source: 'crl', producedAt: new Date() }),
      };
      const trustAt = (now: Date) =>
        TsaCertificateTrust.fromPemBundle(Buffer.from(pki.root.certPem), {
          revocation: notListed,
          now: () => now,
        });
      const token = stamp();
      expect(await checkTimestampToken(token, checkpointCms, trustAt(new Date()))).toMatchObject({
        tsaRevocation: { status: 'good' },
      });
      // Decades on, every certificate below the root has expired: "not listed" proves nothing.
      const later = await checkTimestampToken(
        token,
        checkpointCms,
        trustAt(new Date(Date.now() + 30 * 365 * 86_400_000)),
      );
      expect(later).toMatchObject(
        trustedButNotChecked(
          /^TSA revocation NOT checked: TSA certificate ".*": expired .*, so a current CRL not listing it proves nothing/,
          'expired',
        ),
      );
    });

    it('says revocation was NOT checked when the revocation source throws, even a non-Error', async () => {
      // A source that throws a bare string (a callback library, a rejected promise of a reason):
      // the note carries what was thrown, and the CA certificate above is still asked.
      const asked: string[] = [];
      const throwing: RevocationChecker = {
        check: ({ certificate }) => {
          asked.push(certificate.subject.text);
          return certificate.subject.text.includes('Time-Stamping')
            ? // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the case under test
              Promise.reject('CRL share unmounted')
            : Promise.resolve({ status: 'good', source: 'crl', producedAt: new Date() });
        },
      };
      const check = await checkTimestampToken(
        stamp(),
        checkpointCms,
        TsaCertificateTrust.fromPemBundle(Buffer.from(pki.root.certPem), { revocation: throwing }),
      );
      expect(check).toMatchObject(
        trustedButNotChecked(
          /^TSA revocation NOT checked: TSA certificate ".*Time-Stamping.*": revocation check failed: CRL share unmounted$/,
          'no-answer',
        ),
      );
      expect(asked).toHaveLength(2);
    });

    it('refuses AUDIT_TSA_CRL_DIR without a trust file, or a folder that cannot be read', async () => {
      await expect(TsaCertificateTrust.load({ AUDIT_TSA_CRL_DIR: crlDir() })).rejects.toThrow(
        TsaCrlDirError,
      );
      await expect(load(join(dir, 'missing-folder'))).rejects.toThrow(TsaCrlDirError);
      expect(await TsaCertificateTrust.load({})).toBeUndefined();
    });
  });
});
