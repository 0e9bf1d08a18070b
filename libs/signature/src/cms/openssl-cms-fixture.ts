import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test support: CMS signatures made by the openssl CLI, an oracle independent of our own code and
 * of the fixture builder. Self-signed TEST keys only, created in a temporary folder.
 */
export type OpensslKeyKind = 'rsa' | 'rsa-pss-padding' | 'ec-p256';

export interface OpensslSigner {
  readonly certificatePem: string;
  readonly certificateDer: Buffer;
  /** The TEST key, to re-sign a crafted variant of what openssl made. */
  readonly keyPem: string;
  sign(content: Buffer, options?: { digest?: string; extraArgs?: readonly string[] }): Buffer;
  dispose(): void;
}

export function createOpensslSigner(
  kind: OpensslKeyKind,
  subject = '/CN=TEST openssl signer/OU=000.00.00.G22/O=TEST',
): OpensslSigner {
  const dir = mkdtempSync(join(tmpdir(), 'docaxis-openssl-cms-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  const keyArgs =
    kind === 'ec-p256'
      ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']
      : ['-newkey', 'rsa:2048'];
  run([
    'req',
    '-x509',
    ...keyArgs,
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-subj',
    subject,
    '-days',
    '2',
  ]);
  const certificatePem = readFileSync(cert, 'utf8');
  const certificateDer = Buffer.from(certificatePem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  let counter = 0;
  return {
    certificatePem,
    certificateDer,
    keyPem: readFileSync(key, 'utf8'),
    sign(content, options = {}) {
      counter += 1;
      const input = join(dir, `content-${counter}.bin`);
      const output = join(dir, `signature-${counter}.der`);
      writeFileSync(input, content);
      const padding = kind === 'rsa-pss-padding' ? ['-keyopt', 'rsa_padding_mode:pss'] : [];
      run([
        'cms',
        '-sign',
        '-binary',
        '-in',
        input,
        '-signer',
        cert,
        '-inkey',
        key,
        '-outform',
        'DER',
        '-out',
        output,
        '-md',
        options.digest ?? 'sha256',
        ...padding,
        ...(options.extraArgs ?? []),
      ]);
      return readFileSync(output);
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function run(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}
