import {
  parseSignatureAlgorithm,
  verifySignature,
} from '@docaxis/signature/cms/signature-algorithm';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';
import type { ParsedCrl } from './certificate-revocation-list';
import type { CrlSource } from './crl-source';
import type { CrlUrlFetcher } from './crl-url-fetcher';
import { applicableDelta, crlNumberValue } from './delta-crl';
import type { RevocationChecker, RevocationOutcome, RevocationRequest } from './revocation-checker';

export interface CrlCheckerOptions {
  /** Tolerated clock difference between the CA and us for a CRL's thisUpdate. */
  clockSkewMs?: number;
  /**
   * Set (revocation online), the delta CRLs a deciding complete CRL names in its freshestCRL
   * (RFC 5280 §5.2.6) are fetched with it and applied. Unset, only deltas the sources hold count.
   */
  freshestCrlFetcher?: CrlUrlFetcher;
}

/**
 * Revocation status from CRLs. A CRL counts only when: its signature verifies with the key of
 * the issuer the path proved (a same-name rogue CA cannot vouch for anyone), the issuer may sign
 * CRLs, it is a complete CRL whose scope covers the certificate, and it is current at the
 * validation time (it has a nextUpdate, not passed). The newest such CRL decides, updated by the
 * newest usable delta CRL that applies to it (delta-crl.ts); without a complete CRL the answer is `unknown` (a delta alone says nothing
 * of what it does not list). A `removeFromCRL` entry means not revoked: a hold was released.
 * Online, the deltas the deciding complete CRL names in its freshestCRL are fetched too; one that
 * cannot be had leaves the complete CRL's answer, with a note (freshestDeltas).
 */
export class CrlRevocationChecker implements RevocationChecker {
  private readonly signatureResults = new Map<string, boolean>();
  private readonly clockSkewMs: number;
  private readonly freshestCrlFetcher: CrlUrlFetcher | undefined;

  constructor(
    private readonly sources: readonly CrlSource[],
    options: CrlCheckerOptions = {},
  ) {
    this.clockSkewMs = options.clockSkewMs ?? 5 * 60 * 1000;
    this.freshestCrlFetcher = options.freshestCrlFetcher;
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
    const freshest = await this.freshestDeltas(best, request);
    const delta = applicableDelta(best, [...deltas, ...freshest.deltas]);
    const newest = delta ?? best;
    const missingDelta = freshest.missing ? [freshest.missing] : [];
    // A delta CRL lists what changed since its base: a hold released (removeFromCRL) or turned
    // into a revocation, new revocations. Not listed there, the complete CRL's entry stands.
    const entry =
      delta?.entries.get(certificate.serialNumber) ?? best.entries.get(certificate.serialNumber);
    if (!entry) {
      return {
        status: 'good',
        source: 'crl',
        producedAt: newest.thisUpdate,
        ...noteOf(missingDelta),
      };
    }
    if (entry.reason === 'removeFromCRL') {
      // RFC 5280 §5.3.1: only delta CRLs should carry it; a complete CRL that does means the same
      // (OpenSSL reads it so too): the certificate is no longer listed, its hold is over.
      return {
        status: 'good',
        source: 'crl',
        producedAt: newest.thisUpdate,
        ...noteOf([
          `released from hold (removeFromCRL) by ${delta ? 'delta ' : ''}CRL ${numberOf(newest)} of ${newest.thisUpdate.toISOString()}`,
          ...missingDelta,
        ]),
      };
    }
    return {
      status: 'revoked',
      source: 'crl',
      producedAt: newest.thisUpdate,
      revokedAt: entry.revokedAt,
      reason: entry.reason,
      ...(entry.invalidityDate ? { invalidityDate: entry.invalidityDate } : {}),
      ...noteOf(missingDelta),
    };
  }

  /**
   * The delta CRLs `complete` names in its freshestCRL, fetched when revocation is online. Only
   * `complete` has passed unusableBecause (its signature verified with the issuer's key), so the
   * URLs followed are the CA's own, not a forger's. Each delta is judged as any other CRL.
   *
   * Decided: a delta that cannot be had (unreachable, stale, badly signed, based on a later
   * complete CRL) leaves the complete CRL's answer, with `missing` saying so. RFC 5280 makes delta
   * CRLs optional for relying parties (§5.2.4, §6.3.3: only with use-deltas), and the complete CRL
   * is current (before its nextUpdate): the CA stands by it until then. What it may miss are the
   * changes since its thisUpdate: a hold released since (the signature stays CERTIFICATE_ON_HOLD
   * though it would pass), a hold or revocation since (it passes, as it would offline). Answering
   * `unknown` instead would hold back every dispatch (TRY_LATER) for as long as the delta is out
   * of reach, although a current complete CRL answers. README, "Delta CRLs".
   */
  private async freshestDeltas(
    complete: ParsedCrl,
    request: RevocationRequest,
  ): Promise<{ deltas: readonly ParsedCrl[]; missing?: string }> {
    if (!this.freshestCrlFetcher || complete.freshestCrlUris.length === 0) return { deltas: [] };
    const { certificate, issuer, validationTime } = request;
    const where = `the delta CRL named by CRL ${numberOf(complete)}'s freshestCRL (${complete.freshestCrlUris.join(', ')})`;
    const alone =
      'the complete CRL answers alone, possibly without holds, releases or revocations since its thisUpdate';
    let fetched: readonly ParsedCrl[];
    try {
      fetched = await this.freshestCrlFetcher.crlsAt(complete.freshestCrlUris, certificate.issuer);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { deltas: [], missing: `${where} could not be fetched (${why}): ${alone}` };
    }
    const deltas: ParsedCrl[] = [];
    const problems: string[] = [];
    for (const crl of fetched) {
      const problem = crl.isDelta
        ? this.unusableBecause(crl, certificate, issuer, validationTime)
        : 'a complete CRL, not a delta';
      if (problem) problems.push(problem);
      else deltas.push(crl);
    }
    if (applicableDelta(complete, deltas)) return { deltas };
    // A delta numbered at or below the complete CRL adds nothing to it: nothing is missing.
    const completeNumber =
      complete.crlNumber === undefined ? undefined : crlNumberValue(complete.crlNumber);
    if (
      completeNumber !== undefined &&
      deltas.some((d) => d.crlNumber !== undefined && crlNumberValue(d.crlNumber) <= completeNumber)
    ) {
      return { deltas };
    }
    const why =
      problems.length > 0
        ? problems.join('; ')
        : deltas.length > 0
          ? 'none updates this complete CRL'
          : 'no CRL of this issuer there';
    return { deltas, missing: `${where} is not usable (${why}): ${alone}` };
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
      // RFC 5280 §6.3.3 (b)(2)(i): a partition covers a certificate whose distribution point it
      // names; only URIs are compared, so a partition named otherwise is never taken as complete.
      if (
        scope.namesDistributionPoint &&
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
    if (!crl.nextUpdate) {
      // RFC 5280 §5.1.2.5: conforming CAs write it. Without it no date says the CRL is still
      // the CA's current word: one from years ago (replayed on an http distribution point, say)
      // would answer forever.
      return 'CRL has no nextUpdate: nothing says it is still current';
    }
    if (crl.nextUpdate.getTime() < validationTime.getTime()) {
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

function numberOf(crl: ParsedCrl): string {
  return crl.crlNumber === undefined
    ? 'without a number'
    : crlNumberValue(crl.crlNumber).toString();
}

/** `{ note }` joining `notes`, or nothing when there are none. */
function noteOf(notes: readonly string[]): { note?: string } {
  return notes.length > 0 ? { note: notes.join('; ') } : {};
}
