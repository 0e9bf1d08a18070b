import { readFileSync } from 'node:fs';
import { OID } from '@docaxis/signature/cms/object-identifiers';
import { CertificateCache } from '@docaxis/signature/trust/certificate-cache';
import { derBlobsOf } from '@docaxis/signature/trust/certificate-file-reader';
import { CertificatePathBuilder } from '@docaxis/signature/trust/certificate-path-builder';
import { chooseCertificatePath } from '@docaxis/signature/trust/certificate-path-validator';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';
import { TrustStore } from '@docaxis/signature/trust/trust-store';
import { TsaTrustFileError } from './tsa-trust-file.error';

export type TsaCertificateCheck = { trusted: true } | { trusted: false; reason: string };

/**
 * The time-stamping authorities an auditor trusts (a PEM bundle of anchors, AUDIT_TSA_TRUST_FILE),
 * and the RFC 3161 §2.3 judgement of a token's signer: an extendedKeyUsage extension that is
 * critical and names id-kp-timeStamping alone, and a path whose signatures verify to one of the
 * anchors with every certificate valid at the token's genTime (the same path building and RFC
 * 5280 checks as dispatch signatures). Revocation of the TSA certificate is not checked.
 */
export class TsaCertificateTrust {
  private readonly paths: CertificatePathBuilder;

  private constructor(private readonly store: TrustStore) {
    this.paths = new CertificatePathBuilder(store);
  }

  /** Throws CERTIFICATE_MALFORMED for an unreadable certificate: a broken bundle must not load. */
  static fromPemBundle(
    bundle: Buffer,
    certificateCache = new CertificateCache(64),
  ): TsaCertificateTrust {
    return new TsaCertificateTrust(
      TrustStore.fromCertificates(derBlobsOf(bundle, ['CERTIFICATE']), [], certificateCache),
    );
  }

  /** AUDIT_TSA_TRUST_FILE, read at start-up; undefined when none is configured. */
  static fromFile(path: string | undefined): TsaCertificateTrust | undefined {
    if (path === undefined) return undefined;
    let bundle: Buffer;
    try {
      bundle = readFileSync(path);
    } catch (error) {
      throw new TsaTrustFileError(path, (error as Error).message);
    }
    const trust = TsaCertificateTrust.fromPemBundle(bundle);
    if (trust.store.anchors.length === 0) throw new TsaTrustFileError(path, 'no certificate in it');
    return trust;
  }

  check(
    authority: ParsedCertificate,
    offered: readonly ParsedCertificate[],
    genTime: Date,
  ): TsaCertificateCheck {
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
    const path = chooseCertificatePath(this.paths.buildPaths(authority, offered), genTime, (c) =>
      this.store.isAnchor(c),
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
    return { trusted: true };
  }
}

function untrusted(reason: string): TsaCertificateCheck {
  return { trusted: false, reason };
}
