import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { TrustStore, type TrustStoreDirectories } from '@docaxis/signature/trust/trust-store';
import {
  createPdfSignatureVerifier,
  type PdfSignatureVerifier,
  type PdfSignatureVerifierConfig,
} from '@docaxis/signature/verification/pdf-signature-verifier';

/** The folders of a development (TEST) PKI that a trust store reads: its root and intermediates. */
export function devPkiTrustDirectories(pki: DevPki): TrustStoreDirectories {
  return { trustAnchorsDir: pki.trustDir, intermediatesDir: pki.intermediatesDir };
}

/**
 * The configuration of a verifier that trusts a development PKI as deployed: its root,
 * intermediates and CRL folder. `overrides` replaces or adds settings (another CRL folder, limits).
 */
export function devPkiVerifierConfig(
  pki: DevPki,
  overrides: Partial<PdfSignatureVerifierConfig> = {},
): PdfSignatureVerifierConfig {
  return { ...devPkiTrustDirectories(pki), crlDir: pki.crlDir, ...overrides };
}

/** A PDF signature verifier that trusts a development PKI (see devPkiVerifierConfig). */
export function createDevPkiPdfVerifier(
  pki: DevPki,
  overrides: Partial<PdfSignatureVerifierConfig> = {},
): Promise<PdfSignatureVerifier> {
  return createPdfSignatureVerifier(devPkiVerifierConfig(pki, overrides));
}

/** A trust store of a development PKI built in memory: the root CA trusted, the issuing CA offered. */
export function devPkiTrustStore(pki: DevPki): TrustStore {
  return TrustStore.fromCertificates([pki.root.certDer], [pki.issuing.certDer]);
}
