import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { pkiEnv } from '@docaxis/config/shared-config.schema';
import { loadConfig } from '@docaxis/config/load-config';
import { CrlRevocationChecker } from '@docaxis/signature/revocation/crl-revocation-checker';
import { derBlobsOf } from '@docaxis/signature/trust/certificate-file-reader';
import { TrustStore } from '@docaxis/signature/trust/trust-store';
import {
  createPdfSignatureVerifier,
  PdfSignatureVerifier,
} from '@docaxis/signature/verification/pdf-signature-verifier';
import { CrlFileSource } from './crl-file-source';
import { TrustMaterialError } from './trust-material.error';

/** Trust material named on the command line; all empty means "use the configured folders". */
export interface ExplicitTrustFiles {
  trustAnchors: readonly string[];
  intermediates: readonly string[];
  crls: readonly string[];
}

const cliPkiSchema = z.object(pkiEnv);

/**
 * The verifier `docaxis verify` runs with. With no trust flags it reads the folders the apps use
 * (TRUST_ANCHORS_DIR, TRUST_INTERMEDIATES_DIR, CRL_DIR); as soon as one flag is given only the
 * named files count, so a check against another root never silently trusts the configured one.
 * Throws TrustMaterialError (or ConfigValidationError) when the material cannot be used.
 */
export async function createVerifyCommandVerifier(
  files: ExplicitTrustFiles,
  env: NodeJS.ProcessEnv,
): Promise<PdfSignatureVerifier> {
  const config = loadConfig('docaxis verify', cliPkiSchema, env);
  const profile = { agencyCodeAttributeOid: config.AGENCY_CODE_SUBJECT_OID };
  const explicit = files.trustAnchors.length + files.intermediates.length + files.crls.length > 0;
  if (!explicit) {
    try {
      return await createPdfSignatureVerifier({
        trustAnchorsDir: config.TRUST_ANCHORS_DIR,
        // The intermediates folder is optional: signers usually embed their issuing CA.
        intermediatesDir: existsSync(config.TRUST_INTERMEDIATES_DIR)
          ? config.TRUST_INTERMEDIATES_DIR
          : undefined,
        crlDir: config.CRL_DIR,
        onlineRevocation: config.REVOCATION_ONLINE,
        profile,
      });
    } catch (error) {
      throw new TrustMaterialError(
        `the configured trust store cannot be read (TRUST_ANCHORS_DIR=${config.TRUST_ANCHORS_DIR}, ` +
          `CRL_DIR=${config.CRL_DIR}): ${messageOf(error)}`,
      );
    }
  }
  if (files.trustAnchors.length === 0) {
    throw new TrustMaterialError(
      '--intermediate and --crl need at least one --trust-anchor (the configured store is not used once trust files are named)',
    );
  }
  const anchors = await readBlobs(files.trustAnchors, 'CERTIFICATE', '--trust-anchor');
  const intermediates = await readBlobs(files.intermediates, 'CERTIFICATE', '--intermediate');
  const crls = await readBlobs(files.crls, 'X509 CRL', '--crl');
  let trustStore: TrustStore;
  let crlSource: CrlFileSource;
  try {
    trustStore = TrustStore.fromCertificates(anchors, intermediates);
  } catch (error) {
    throw new TrustMaterialError(`a trust certificate is malformed: ${messageOf(error)}`);
  }
  try {
    crlSource = new CrlFileSource(crls);
  } catch (error) {
    throw new TrustMaterialError(`a CRL is malformed: ${messageOf(error)}`);
  }
  return new PdfSignatureVerifier({
    trustStore,
    revocation: new CrlRevocationChecker([crlSource]),
    profile,
  });
}

async function readBlobs(paths: readonly string[], label: string, flag: string): Promise<Buffer[]> {
  const blobs: Buffer[] = [];
  for (const path of paths) {
    let content: Buffer;
    try {
      content = await readFile(resolve(path));
    } catch (error) {
      throw new TrustMaterialError(`${flag} ${path} cannot be read: ${messageOf(error)}`, {
        path,
      });
    }
    const found = derBlobsOf(content, [label]);
    if (found.length === 0) {
      throw new TrustMaterialError(`${flag} ${path} holds no ${label} (PEM or DER)`, { path });
    }
    blobs.push(...found);
  }
  return blobs;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
