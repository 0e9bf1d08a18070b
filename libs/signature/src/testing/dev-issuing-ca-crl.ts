import { createPrivateKey, createPublicKey } from 'node:crypto';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CertificateIssuer } from '@docaxis/signature/pki/certificate-builder';
import { buildCrl, type CrlSpec } from '@docaxis/signature/pki/crl-builder';
import { DEV_ISSUING_CA_NAME } from '@docaxis/signature/pki/dev-certificate-profiles';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { keyIdentifierOf } from '@docaxis/signature/pki/x509-extensions';

/** The TEST issuing CA as an issuer of certificates and CRLs, with its real key. */
export function devIssuingCaIssuer(pki: DevPki): CertificateIssuer {
  return {
    name: DEV_ISSUING_CA_NAME,
    privateKey: createPrivateKey(pki.issuing.keyPem),
    keyIdentifier: keyIdentifierOf(createPublicKey(pki.issuing.certPem)),
  };
}

/**
 * Writes into `folder` a CRL folder as the TEST CAs would publish it: the generated root CA CRL
 * and an issuing CA CRL built from `spec`, signed with the issuing CA's real key. For specs that
 * need revocations the generated PKI does not hold (a date ahead, an invalidityDate, a reason).
 */
export function writeDevIssuingCaCrl(
  pki: DevPki,
  folder: string,
  spec: Omit<CrlSpec, 'issuer'>,
): void {
  copyFileSync(pki.crl('root-ca').derPath, join(folder, 'root-ca.crl'));
  const crl = buildCrl({ ...spec, issuer: devIssuingCaIssuer(pki) });
  writeFileSync(join(folder, 'issuing-ca.crl'), crl.der);
}

/**
 * Adds to `folder` a delta CRL of the TEST issuing CA (RFC 5280 §5.2.4) updating the complete CRL
 * numbered `spec.deltaOf`: a hold released (`removeFromCRL`) or turned into a revocation.
 */
export function writeDevIssuingCaDeltaCrl(
  pki: DevPki,
  folder: string,
  spec: Omit<CrlSpec, 'issuer'> & { deltaOf: number },
): void {
  const crl = buildCrl({ ...spec, issuer: devIssuingCaIssuer(pki) });
  writeFileSync(join(folder, `issuing-ca-delta-${spec.crlNumber}.crl`), crl.der);
}
