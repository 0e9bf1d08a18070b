import { CertificateCache } from './certificate-cache';
import { readDerBlobsFromDirectory } from './certificate-file-reader';
import type { ParsedCertificate } from './parsed-certificate';

export interface TrustStoreDirectories {
  /** Folder of trust anchors (root CAs), PEM or DER files. */
  trustAnchorsDir: string;
  /** Folder of intermediate CA certificates offered for path building (not trusted by themselves). */
  intermediatesDir?: string;
}

/**
 * Trust anchors and known intermediates, indexed by subject. Only anchors are trusted; an
 * intermediate (configured or carried in a CMS) counts only once a verified path reaches an anchor.
 */
export class TrustStore {
  private readonly anchorFingerprints: ReadonlySet<string>;
  private readonly anchorsBySubject: ReadonlyMap<string, readonly ParsedCertificate[]>;
  private readonly intermediatesBySubject: ReadonlyMap<string, readonly ParsedCertificate[]>;

  private constructor(
    readonly anchors: readonly ParsedCertificate[],
    readonly intermediates: readonly ParsedCertificate[],
    readonly certificateCache: CertificateCache,
  ) {
    this.anchorFingerprints = new Set(anchors.map((anchor) => anchor.fingerprintSha256));
    this.anchorsBySubject = indexBySubject(anchors);
    this.intermediatesBySubject = indexBySubject(intermediates);
  }

  static async fromDirectories(
    directories: TrustStoreDirectories,
    certificateCache = new CertificateCache(),
  ): Promise<TrustStore> {
    const anchors = await readDerBlobsFromDirectory(directories.trustAnchorsDir, ['CERTIFICATE']);
    const intermediates = directories.intermediatesDir
      ? await readDerBlobsFromDirectory(directories.intermediatesDir, ['CERTIFICATE'])
      : [];
    return TrustStore.fromCertificates(anchors, intermediates, certificateCache);
  }

  /** Throws CERTIFICATE_MALFORMED for an unreadable certificate: a broken trust store must not start. */
  static fromCertificates(
    anchors: readonly Buffer[],
    intermediates: readonly Buffer[] = [],
    certificateCache = new CertificateCache(),
  ): TrustStore {
    return new TrustStore(
      dedupe(anchors.map((der) => certificateCache.parse(der))),
      dedupe(intermediates.map((der) => certificateCache.parse(der))),
      certificateCache,
    );
  }

  isAnchor(certificate: ParsedCertificate): boolean {
    return this.anchorFingerprints.has(certificate.fingerprintSha256);
  }

  anchorsWithSubject(matchKey: string): readonly ParsedCertificate[] {
    return this.anchorsBySubject.get(matchKey) ?? [];
  }

  intermediatesWithSubject(matchKey: string): readonly ParsedCertificate[] {
    return this.intermediatesBySubject.get(matchKey) ?? [];
  }
}

function dedupe(certificates: readonly ParsedCertificate[]): ParsedCertificate[] {
  const seen = new Map<string, ParsedCertificate>();
  for (const certificate of certificates) seen.set(certificate.fingerprintSha256, certificate);
  return [...seen.values()];
}

function indexBySubject(
  certificates: readonly ParsedCertificate[],
): Map<string, ParsedCertificate[]> {
  const index = new Map<string, ParsedCertificate[]>();
  for (const certificate of certificates) {
    const key = certificate.subject.matchKey;
    index.set(key, [...(index.get(key) ?? []), certificate]);
  }
  return index;
}
