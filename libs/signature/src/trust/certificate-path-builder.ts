import { IssuerSignatureCache } from './issuer-signature-cache';
import type { ParsedCertificate } from './parsed-certificate';
import type { TrustStore } from './trust-store';

/** Signer first, trust anchor last; every link verified by signature, not only by name. */
export type CertificatePath = readonly ParsedCertificate[];

export interface PathBuilderLimits {
  /** Certificates in one path, anchor included. */
  maxPathLength: number;
  /** Complete paths collected before stopping (cross-certified CAs may offer several). */
  maxPaths: number;
}

const DEFAULT_LIMITS: PathBuilderLimits = { maxPathLength: 8, maxPaths: 4 };

/**
 * Builds certificate paths from a signer to a trust anchor through the CMS certificates and the
 * configured intermediates (RFC 4158 style, depth first). A candidate issuer is found by subject
 * name and accepted only when its key verifies the child's signature, so a rogue root that copies
 * the real root's name chains nothing.
 */
export class CertificatePathBuilder {
  private readonly pathCache = new Map<string, CertificatePath[]>();

  constructor(
    private readonly trustStore: TrustStore,
    private readonly signatures = new IssuerSignatureCache(),
    private readonly limits = DEFAULT_LIMITS,
    private readonly maxCachedTargets = 5_000,
  ) {}

  /** Complete paths, best first (anchors and key-identifier matches are tried first). */
  buildPaths(target: ParsedCertificate, offered: readonly ParsedCertificate[]): CertificatePath[] {
    const cacheKey = [
      target.fingerprintSha256,
      ...offered.map((c) => c.fingerprintSha256).sort(),
    ].join(',');
    const cached = this.pathCache.get(cacheKey);
    if (cached) return cached;
    const offeredBySubject = new Map<string, ParsedCertificate[]>();
    for (const certificate of offered) {
      const key = certificate.subject.matchKey;
      offeredBySubject.set(key, [...(offeredBySubject.get(key) ?? []), certificate]);
    }
    const paths: CertificatePath[] = [];
    this.extend([target], offeredBySubject, paths);
    if (this.pathCache.size >= this.maxCachedTargets) this.pathCache.clear();
    this.pathCache.set(cacheKey, paths);
    return paths;
  }

  private extend(
    path: ParsedCertificate[],
    offeredBySubject: ReadonlyMap<string, readonly ParsedCertificate[]>,
    found: CertificatePath[],
  ): void {
    if (found.length >= this.limits.maxPaths) return;
    const current = path[path.length - 1];
    if (this.trustStore.isAnchor(current)) {
      found.push([...path]);
      return;
    }
    if (path.length >= this.limits.maxPathLength) return;
    const issuerKey = current.issuer.matchKey;
    const inPath = new Set(path.map((certificate) => certificate.fingerprintSha256));
    const candidates = new Map<string, ParsedCertificate>();
    for (const candidate of [
      ...this.trustStore.anchorsWithSubject(issuerKey),
      ...(offeredBySubject.get(issuerKey) ?? []),
      ...this.trustStore.intermediatesWithSubject(issuerKey),
    ]) {
      if (!inPath.has(candidate.fingerprintSha256))
        candidates.set(candidate.fingerprintSha256, candidate);
    }
    const ordered = [...candidates.values()].sort(
      (a, b) => rank(current, b, this.trustStore) - rank(current, a, this.trustStore),
    );
    for (const issuer of ordered) {
      if (this.signatures.isSignedBy(current, issuer)) {
        this.extend([...path, issuer], offeredBySubject, found);
      }
    }
  }
}

function rank(
  child: ParsedCertificate,
  candidate: ParsedCertificate,
  trustStore: TrustStore,
): number {
  const keyIdMatches =
    child.authorityKeyIdentifier !== undefined &&
    child.authorityKeyIdentifier === candidate.subjectKeyIdentifier;
  return (trustStore.isAnchor(candidate) ? 2 : 0) + (keyIdMatches ? 1 : 0);
}
