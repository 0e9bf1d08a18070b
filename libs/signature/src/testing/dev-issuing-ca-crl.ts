import { createPrivateKey } from 'node:crypto';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCrl, type CrlSpec } from '@docaxis/signature/pki/crl-builder';
import { DEV_ISSUING_CA_NAME } from '@docaxis/signature/pki/dev-certificate-profiles';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { CertificateCache } from '@docaxis/signature/trust/certificate-cache';

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
  const crl = buildCrl({
    ...spec,
    issuer: {
      name: DEV_ISSUING_CA_NAME,
      privateKey: createPrivateKey(pki.issuing.keyPem),
      keyIdentifier: Buffer.from(
        new CertificateCache().parse(pki.issuing.certDer).subjectKeyIdentifier ?? '',
        'hex',
      ),
    },
  });
  writeFileSync(join(folder, 'issuing-ca.crl'), crl.der);
}
