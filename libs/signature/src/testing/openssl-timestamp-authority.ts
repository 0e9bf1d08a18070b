import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import type { SignatureTimestamper } from './cms-signed-data-builder';

/** The TEST TSA policy written in every token (under the dev PKI's UUID arc). */
export const DEV_TSA_POLICY_OID = '2.25.205694602916884423476776305016154424362.9';

/**
 * An RFC 3161 time-stamping authority run by `openssl ts -reply` with the dev PKI's TEST TSA
 * certificate (`special/timestamping-authority`), so the tokens come from an implementation
 * independent of docaxis. genTime is the current time (openssl cannot backdate). Synchronous:
 * it is called from inside the CMS builder.
 */
export function opensslTimestamper(
  pki: DevPki,
  workDir: string,
  options: {
    digest?: 'sha256' | 'sha384' | 'sha512';
    signer?: { certPath: string; keyPath: string };
  } = {},
): SignatureTimestamper {
  const tsa = options.signer ?? pki.special('timestamping-authority');
  const digest = options.digest ?? 'sha256';
  return (signatureValue) => {
    const dir = mkdtempSync(join(workDir, 'tsa-'));
    try {
      const path = (name: string): string => join(dir, name);
      writeFileSync(path('signature.bin'), signatureValue);
      writeFileSync(path('serial'), '01\n');
      writeFileSync(
        path('tsa.cnf'),
        [
          '[tsa]',
          'default_tsa = tsa_config',
          '[tsa_config]',
          `serial = ${path('serial')}`,
          'crypto_device = builtin',
          `signer_cert = ${tsa.certPath}`,
          `certs = ${pki.issuing.certPath}`,
          `signer_key = ${tsa.keyPath}`,
          'signer_digest = sha256',
          `default_policy = ${DEV_TSA_POLICY_OID}`,
          'digests = sha256, sha384, sha512',
          'accuracy = secs:1',
          'ordering = no',
          'tsa_name = no',
          'ess_cert_id_chain = no',
          'ess_cert_id_alg = sha256',
          '',
        ].join('\n'),
      );
      runOpenssl([
        'ts',
        '-query',
        '-data',
        path('signature.bin'),
        `-${digest}`,
        '-cert',
        '-no_nonce',
        '-out',
        path('request.tsq'),
      ]);
      runOpenssl([
        'ts',
        '-reply',
        '-config',
        path('tsa.cnf'),
        '-section',
        'tsa_config',
        '-queryfile',
        path('request.tsq'),
        '-token_out',
        '-out',
        path('token.der'),
      ]);
      return readFileSync(path('token.der'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/**
 * The TSTInfo of `token` signed anew by `signer` with `openssl cms -sign` (signingCertificateV2
 * through -cades): a token whose signature, imprint and ESS binding verify, from a certificate
 * that `openssl ts -reply` refuses to sign with (no id-kp-timeStamping, or not critical).
 */
export function resignedTimestampToken(
  token: Buffer,
  signer: { certPath: string; keyPath: string },
  chainPath: string,
  workDir: string,
): Buffer {
  const dir = mkdtempSync(join(workDir, 'tsa-resign-'));
  try {
    const path = (name: string): string => join(dir, name);
    writeFileSync(path('token.der'), token);
    runOpenssl([
      'cms',
      '-verify',
      '-noverify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      path('token.der'),
      '-out',
      path('tst-info.der'),
    ]);
    runOpenssl([
      'cms',
      '-sign',
      '-binary',
      '-nodetach',
      '-cades',
      '-nosmimecap',
      '-md',
      'sha256',
      '-econtent_type',
      '1.2.840.113549.1.9.16.1.4',
      '-signer',
      signer.certPath,
      '-inkey',
      signer.keyPath,
      '-certfile',
      chainPath,
      '-outform',
      'DER',
      '-in',
      path('tst-info.der'),
      '-out',
      path('resigned.der'),
    ]);
    return readFileSync(path('resigned.der'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runOpenssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}
