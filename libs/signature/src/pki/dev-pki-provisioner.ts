import { existsSync } from 'node:fs';
import { DEV_VALIDITY } from './certificate-profile';
import { DevPkiNotFoundError, DevPkiOutputExistsError } from './dev-pki.errors';
import { generateDevPki, type GenerateDevPkiOptions } from './dev-pki-generator';
import { loadDevPki, type DevPki } from './dev-pki-loader';

export interface EnsureDevPkiOptions extends Omit<GenerateDevPkiOptions, 'overwrite'> {
  /** Regenerate when the CRLs expire sooner than this; one day by default. */
  minRemainingCrlValidityMs?: number;
}

export interface EnsuredDevPki {
  pki: DevPki;
  /** Why it was (re)generated, or null when the existing PKI was kept. */
  generatedBecause: string | null;
}

/**
 * Loads the PKI in `outDir` if it is usable, else generates it: for `--if-missing` and for test
 * set-ups shared by parallel Jest workers (the write is atomic and the loser of a race loads the
 * winner's PKI). "Usable" means readable, the same agency codes, CRL base URL and OCSP URL, and CRLs that
 * stay fresh for `minRemainingCrlValidityMs`.
 */
export async function ensureDevPki(options: EnsureDevPkiOptions): Promise<EnsuredDevPki> {
  const now = options.now ?? new Date();
  const reason = reasonToRegenerate(options, now);
  if (reason === null) return { pki: loadDevPki(options.outDir), generatedBecause: null };
  try {
    await generateDevPki({ ...options, now, overwrite: existsSync(options.outDir) });
  } catch (error) {
    if (!(error instanceof DevPkiOutputExistsError)) throw error;
    // Another process generated it between our check and our rename: use theirs.
  }
  return { pki: loadDevPki(options.outDir), generatedBecause: reason };
}

function reasonToRegenerate(options: EnsureDevPkiOptions, now: Date): string | null {
  let pki: DevPki;
  try {
    pki = loadDevPki(options.outDir);
  } catch (error) {
    // The loader's message tells a reader to generate one, which is what happens next.
    if (error instanceof DevPkiNotFoundError) return `none was there to keep: ${error.reason}`;
    return (error as Error).message;
  }
  const wanted = options.agencies.map((agency) => agency.code).sort();
  const present = pki.agencies.map((agency) => agency.code).sort();
  if (wanted.join() !== present.join()) return 'the agency list changed';
  if ((options.crlBaseUrl?.replace(/\/+$/, '') ?? null) !== pki.manifest.crlBaseUrl) {
    return 'the CRL base URL changed';
  }
  if ((options.ocspUrl ?? null) !== pki.manifest.ocspUrl) return 'the OCSP URL changed';
  const minRemaining = options.minRemainingCrlValidityMs ?? DEV_VALIDITY.day;
  const crlExpiry = new Date(pki.manifest.crls['issuing-ca'].nextUpdate).getTime();
  if (crlExpiry - now.getTime() < minRemaining) {
    return `its CRLs expire at ${new Date(crlExpiry).toISOString()}`;
  }
  return null;
}
