import { readFileSync } from 'node:fs';
import { OID } from '@docaxis/signature/cms/object-identifiers';
import { CrlRevocationChecker } from '@docaxis/signature/revocation/crl-revocation-checker';
import { DirectoryCrlSource } from '@docaxis/signature/revocation/directory-crl-source';
import type { RevocationChecker } from '@docaxis/signature/revocation/revocation-checker';
import { CertificateCache } from '@docaxis/signature/trust/certificate-cache';
import { derBlobsOf } from '@docaxis/signature/trust/certificate-file-reader';
import { CertificatePathBuilder } from '@docaxis/signature/trust/certificate-path-builder';
import { chooseCertificatePath } from '@docaxis/signature/trust/certificate-path-validator';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';
import { TrustStore } from '@docaxis/signature/trust/trust-store';
import { TsaCrlDirError } from './tsa-crl-dir.error';
import { checkTsaRevocation } from './tsa-revocation';
import type { TsaRevocation } from './tsa-revocation-status';
import { TsaTrustFileError } from './tsa-trust-file.error';

export type TsaCertificateCheck =
  { trusted: true; revocation: TsaRevocation } | { trusted: false; reason: string };

/** How often AUDIT_TSA_CRL_DIR is re-read, so a CRL dropped there counts without a restart. */
const TSA_CRL_DIR_REFRESH_MS = 60_000;

/**
 * The time-stamping authorities an auditor trusts (a PEM bundle of anchors, AUDIT_TSA_TRUST_FILE),
 * and the RFC 3161 §2.3 judgement of a token's signer: an extendedKeyUsage extension that is
 * critical and names id-kp-timeStamping alone, and a path whose signatures verify to one of the
 * anchors with every certificate valid at the token's genTime (the same path building and RFC
 * 5280 checks as dispatch signatures). With a revocation checker (AUDIT_TSA_CRL_DIR), every
 * certificate of that path below the anchor is checked as dispatch signers' are: revoked at or
 * before genTime, or for a compromise (or without a reason, or `unspecified`) at any time, is
 * untrusted; without one, without a usable CRL, or for a certificate on hold (suspended, so
 * undecided), the result says revocation was NOT checked.
 */
export class TsaCertificateTrust {
  private readonly paths: CertificatePathBuilder;

  private constructor(
    private readonly store: TrustStore,
    private readonly revocation: RevocationChecker | undefined,
    private readonly now: () => Date,
  ) {
    this.paths = new CertificatePathBuilder(store);
  }

  /** Throws CERTIFICATE_MALFORMED for an unreadable certificate: a broken bundle must not load. */
  static fromPemBundle(
    bundle: Buffer,
    options: {
      revocation?: RevocationChecker;
      certificateCache?: CertificateCache;
      now?: () => Date;
    } = {},
  ): TsaCertificateTrust {
    return new TsaCertificateTrust(
      TrustStore.fromCertificates(
        derBlobsOf(bundle, ['CERTIFICATE']),
        [],
        options.certificateCache ?? new CertificateCache(64),
      ),
      options.revocation,
      options.now ?? (() => new Date()),
    );
  }

  /**
   * AUDIT_TSA_TRUST_FILE and AUDIT_TSA_CRL_DIR (CRLs of the TSA's issuers, DER or PEM, re-read
   * every minute), read at start-up; undefined when no trust file is configured.
   */
  static async load(config: {
    AUDIT_TSA_TRUST_FILE?: string;
    AUDIT_TSA_CRL_DIR?: string;
  }): Promise<TsaCertificateTrust | undefined> {
    const crlDir = config.AUDIT_TSA_CRL_DIR;
    if (crlDir !== undefined && config.AUDIT_TSA_TRUST_FILE === undefined) {
      throw new TsaCrlDirError(crlDir, 'set without AUDIT_TSA_TRUST_FILE');
    }
    let revocation: RevocationChecker | undefined;
    if (crlDir !== undefined) {
      try {
        const folder = await DirectoryCrlSource.load(crlDir, {
          refreshAfterMs: TSA_CRL_DIR_REFRESH_MS,
        });
        revocation = new CrlRevocationChecker([folder]);
      } catch (error) {
        throw new TsaCrlDirError(crlDir, (error as Error).message);
      }
    }
    return TsaCertificateTrust.fromFile(config.AUDIT_TSA_TRUST_FILE, revocation);
  }

  /** AUDIT_TSA_TRUST_FILE, read at start-up; undefined when none is configured. */
  static fromFile(
    path: string | undefined,
    revocation?: RevocationChecker,
  ): TsaCertificateTrust | undefined {
    if (path === undefined) return undefined;
    let bundle: Buffer;
    try {
      bundle = readFileSync(path);
    } catch (error) {
      throw new TsaTrustFileError(path, (error as Error).message);
    }
    const trust = TsaCertificateTrust.fromPemBundle(bundle, { revocation });
    if (trust.store.anchors.length === 0) throw new TsaTrustFileError(path, 'no certificate in it');
    return trust;
  }

  async check(
    authority: ParsedCertificate,
    offered: readonly ParsedCertificate[],
    genTime: Date,
  ): Promise<TsaCertificateCheck> {
    const who = `TSA certificate "${authority.subject.text}"`;
    const eku = authority.extensions.get(OID.extKeyUsage);
    const purposes = authority.extendedKeyUsage ?? [];
    if (!eku || !purposes.includes(OID.kpTimeStamping)) {
      return untrusted(`${who} lacks the extended key usage id-kp-timeStamping`);
    }
    if (!eku.critical) {
      return untrusted(`${who} has a non-critical extendedKeyUsage (RFC 3161 §2.3: critical)`);
    }
    if (purposes.length !== 1) {
      return untrusted(
        `${who} allows other purposes besides id-kp-timeStamping (${purposes.join(', ')})`,
      );
    }
    const path = chooseCertificatePath(
      this.paths.buildPaths(authority, offered),
      { at: genTime, is: 'signing-time' },
      (c) => this.store.isAnchor(c),
    );
    if (!path) {
      return untrusted(
        `${who} has no path to a configured TSA trust anchor whose signatures verify (issuer "${authority.issuer.text}")`,
      );
    }
    const defects = path.validation.findings.filter((finding) => finding.subIndication);
    if (defects.length > 0) {
      return untrusted(
        `${who} is not valid at genTime ${genTime.toISOString()}: ${defects.map((d) => `${d.code}: ${d.text}`).join('; ')}`,
      );
    }
    const revocation = await checkTsaRevocation(
      path.certificates,
      genTime,
      this.revocation,
      this.now(),
    );
    if ('untrustedRevocation' in revocation) return untrusted(revocation.untrustedRevocation);
    return { trusted: true, revocation };
  }
}

function untrusted(reason: string): TsaCertificateCheck {
  return { trusted: false, reason };
}
