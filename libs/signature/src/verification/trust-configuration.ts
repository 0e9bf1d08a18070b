import { CrlRevocationChecker } from '@docaxis/signature/revocation/crl-revocation-checker';
import type { CrlSource } from '@docaxis/signature/revocation/crl-source';
import { DirectoryCrlSource } from '@docaxis/signature/revocation/directory-crl-source';
import { FirstConclusiveRevocationChecker } from '@docaxis/signature/revocation/first-conclusive-revocation-checker';
import { HttpCrlSource } from '@docaxis/signature/revocation/http-crl-source';
import { OcspRevocationChecker } from '@docaxis/signature/revocation/ocsp/ocsp-revocation-checker';
import type { RevocationChecker } from '@docaxis/signature/revocation/revocation-checker';
import { TrustStore } from '@docaxis/signature/trust/trust-store';

export interface TrustConfiguration {
  /** Folder of trust anchors (the lead passes `certs/dev/trust` in development). */
  trustAnchorsDir: string;
  /** Folder of intermediate CA certificates (`certs/dev/trust/intermediates`). */
  intermediatesDir?: string;
  /** Folder of CRLs (DER or PEM). */
  crlDir: string;
  /** Further CRL sources asked after the folder (e.g. HttpCrlSource for distribution points). */
  extraCrlSources?: readonly CrlSource[];
  /**
   * Also ask the network: the OCSP responders of each certificate's authorityInfoAccess first,
   * then its http(s) CRL distribution points after the folder, and the delta CRLs a complete
   * CRL's freshestCRL names. Off, only the folder answers (closed networks, reproducible tests).
   */
  onlineRevocation?: boolean;
  /**
   * How old the CRLs read from `crlDir` may get before the folder is read again (ms); one minute
   * by default, so a CRL an operator drops into the folder counts without a restart.
   */
  crlFolderRefreshMs?: number;
}

const DEFAULT_CRL_FOLDER_REFRESH_MS = 60_000;

/**
 * Trust store and revocation checker (CRL folder; online: OCSP, then the folder, then CRLs over
 * HTTP): what every verifier builds on. The trust anchors are read once; the CRL folder is
 * re-read every `crlFolderRefreshMs`.
 */
export async function loadTrustConfiguration(
  config: TrustConfiguration,
): Promise<{ trustStore: TrustStore; revocation: RevocationChecker }> {
  const trustStore = await TrustStore.fromDirectories({
    trustAnchorsDir: config.trustAnchorsDir,
    intermediatesDir: config.intermediatesDir,
  });
  const crlFolder = await DirectoryCrlSource.load(config.crlDir, {
    refreshAfterMs: config.crlFolderRefreshMs ?? DEFAULT_CRL_FOLDER_REFRESH_MS,
  });
  const crlSources: CrlSource[] = [crlFolder, ...(config.extraCrlSources ?? [])];
  if (!config.onlineRevocation) {
    return { trustStore, revocation: new CrlRevocationChecker(crlSources) };
  }
  // The same HTTP source (one cache) fetches distribution points and freshestCRL deltas.
  const http = new HttpCrlSource();
  return {
    trustStore,
    revocation: new FirstConclusiveRevocationChecker([
      new OcspRevocationChecker(),
      new CrlRevocationChecker([...crlSources, http], { freshestCrlFetcher: http }),
    ]),
  };
}
