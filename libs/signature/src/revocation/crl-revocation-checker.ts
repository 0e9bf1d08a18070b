import {
  parseSignatureAlgorithm,
  verifySignature,
} from '@docaxis/signature/cms/signature-algorithm';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';
import type { ParsedCrl } from './certificate-revocation-list';
import type { CrlSource } from './crl-source';
import { applicableDelta, crlNumberValue } from './delta-crl';
import type { RevocationChecker, RevocationOutcome, RevocationRequest } from './revocation-checker';

export interface CrlCheckerOptions {
  /** Tolerated clock difference between the CA and us for a CRL's thisUpdate. */
  clockSkewMs?: number;
}

/**
 * Revocation status from CRLs. A CRL counts only when: its signature verifies with the key of
 * the issuer the path proved (a same-name rogue CA cannot vouch for anyone), the issuer may sign
 * CRLs, it is a complete CRL whose scope covers the certificate, and it is current at the
 * validation time. The newest such CRL decides, updated by the newest usable delta CRL that applies
 * to it (delta-crl.ts); without a complete CRL the answer is `unknown` (a delta alone says nothing
 * of what it does not list). A `removeFromCRL` entry means not revoked: a hold was released.
 */
export class CrlRevocationChecker implements RevocationChecker {
  private readonly signatureResults = new Map<string, boolean>();
  private readonly clockSkewMs: number;

  constructor(
    private readonly sources: readonly CrlSource[],
    options: CrlCheckerOptions = {},
  ) {
    this.clockSkewMs = options.clockSkewMs ?? 5 * 60 * 1000;
  }

  async check(request: RevocationRequest): Promise<RevocationOutcome> {
    const { certificate, issuer, validationTime } = request;
    const rejected: string[] = [];
    let best: ParsedCrl | undefined;
    const deltas: ParsedCrl[] = [];
    let sourceFailures = 0;
    for (const source of this.sources) {
      let crls: readonly ParsedCrl[];
      try {
        crls = await source.crlsFor(certificate.issuer, certificate);
      } catch (error) {
        sourceFailures += 1;
        rejected.push(
          `CRL source failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        continue;
      }
      for (const crl of crls) {
        const problem = this.unusableBecause(crl, certificate, issuer, validationTime);
        if (problem) rejected.push(problem);
        else if (crl.isDelta) deltas.push(crl);
        else if (!best || crl.thisUpdate > best.thisUpdate) best = crl;
      }
      // The first source with a usable CRL answers: the HTTP source is not asked when the local
      // folder already knows.
      if (best) break;
    }
    if (!best) {
      if (deltas.length > 0) rejected.push('only delta CRLs, no complete CRL they update');
      const why = rejected.length > 0 ? rejected.join('; ') : 'no CRL available';
      return {
        status: 'unknown',
        source: 'none',
        note: `${why} for issuer "${certificate.issuer.text}"${sourceFailures > 0 ? ' (a source failed)' : ''}`,
      };
    }
    const delta = applicableDelta(best, deltas);
    const newest = delta ?? best;
    // A delta CRL lists what changed since its base: a hold released (removeFromCRL) or turned
    // into a revocation, new revocations. Not listed there, the complete CRL's entry stands.
    const entry =
      delta?.entries.get(certificate.serialNumber) ?? best.entries.get(certificate.serialNumber);
    if (!entry) return { status: 'good', source: 'crl', producedAt: newest.thisUpdate };
    if (entry.reason === 'removeFromCRL') {
      // RFC 5280 §5.3.1: only delta CRLs should carry it; a complete CRL that does means the same
      // (OpenSSL reads it so too): the certificate is no longer listed, its hold is over.
      return {
        status: 'good',
        source: 'crl',
        producedAt: newest.thisUpdate,
        note: `released from hold (removeFromCRL) by ${delta ? 'delta ' : ''}CRL ${newest.crlNumber === undefined ? 'without a number' : crlNumberValue(newest.crlNumber).toString()} of ${newest.thisUpdate.toISOString()}`,
      };
    }
    return {
      status: 'revoked',
      source: 'crl',
      producedAt: newest.thisUpdate,
      revokedAt: entry.revokedAt,
      reason: entry.reason,
      ...(entry.invalidityDate ? { invalidityDate: entry.invalidityDate } : {}),
    };
  }

  private unusableBecause(
    crl: ParsedCrl,
    certificate: ParsedCertificate,
    issuer: ParsedCertificate,
    validationTime: Date,
  ): string | undefined {
    if (crl.unsupportedCriticalExtension) {
      return `CRL has unsupported critical extension ${crl.unsupportedCriticalExtension}`;
    }
    const scope = crl.scope;
    if (scope) {
      if (scope.partial) return 'CRL covers only some reasons or is indirect';
      const isCa = certificate.basicConstraints?.ca === true;
      if (scope.onlyUserCertificates && isCa) return 'CRL covers end-entity certificates only';
      if (scope.onlyCaCertificates && !isCa) return 'CRL covers CA certificates only';
      if (
        scope.distributionPointUris.length > 0 &&
        !scope.distributionPointUris.some((uri) => certificate.crlDistributionUris.includes(uri))
      ) {
        return 'CRL is a partition that does not cover this certificate';
      }
    }
    if (issuer.keyUsage && !issuer.keyUsage.has('cRLSign')) return 'issuer may not sign CRLs';
    if (!this.isSignedBy(crl, issuer)) return 'CRL signature does not verify with the issuer key';
    if (crl.thisUpdate.getTime() > validationTime.getTime() + this.clockSkewMs) {
      return `CRL issued after the validation time (${crl.thisUpdate.toISOString()})`;
    }
    if (crl.nextUpdate && crl.nextUpdate.getTime() < validationTime.getTime()) {
      return `CRL is stale (nextUpdate ${crl.nextUpdate.toISOString()})`;
    }
    return undefined;
  }

  private isSignedBy(crl: ParsedCrl, issuer: ParsedCertificate): boolean {
    const key = `${crl.sha256}:${issuer.fingerprintSha256}`;
    const cached = this.signatureResults.get(key);
    if (cached !== undefined) return cached;
    let verified = false;
    try {
      const algorithm = parseSignatureAlgorithm(crl.der, crl.signatureAlgorithm);
      verified = verifySignature(
        algorithm,
        [crl.tbsCertList],
        issuer.publicKey,
        crl.signatureValue,
      );
    } catch {
      verified = false;
    }
    if (this.signatureResults.size > 10_000) this.signatureResults.clear();
    this.signatureResults.set(key, verified);
    return verified;
  }
}
