import { CrlRevocationChecker } from '@docaxis/signature/revocation/crl-revocation-checker';
import type { CrlSource } from '@docaxis/signature/revocation/crl-source';
import { DirectoryCrlSource } from '@docaxis/signature/revocation/directory-crl-source';
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
}

/** Trust store and CRL revocation checker read from disk once: what every verifier builds on. */
export async function loadTrustConfiguration(
  config: TrustConfiguration,
): Promise<{ trustStore: TrustStore; revocation: RevocationChecker }> {
  const trustStore = await TrustStore.fromDirectories({
    trustAnchorsDir: config.trustAnchorsDir,
    intermediatesDir: config.intermediatesDir,
  });
  const crlFolder = await DirectoryCrlSource.load(config.crlDir);
  return {
    trustStore,
    revocation: new CrlRevocationChecker([crlFolder, ...(config.extraCrlSources ?? [])]),
  };
}
