import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testRunDir } from '@docaxis/testing/test-run';
import type { DevAgency } from '@docaxis/signature/pki/dev-agency';
import { generateDevPki } from '@docaxis/signature/pki/dev-pki-generator';
import { loadDevPki, type DevPki } from '@docaxis/signature/pki/dev-pki-loader';

/**
 * Spec support: a fresh development (TEST) PKI per spec file, in this Jest run's temp folder, for
 * the sending agency 000.00.00.G22 (which the special certificates belong to) and one more.
 */
export const SPEC_AGENCIES: DevAgency[] = [
  {
    code: '000.00.00.G22',
    name: 'Văn phòng Chính phủ',
    leader: { fullName: 'Nguyễn Hữu Thành', position: 'Phó Chủ nhiệm Văn phòng Chính phủ' },
  },
  {
    code: '000.00.00.H41',
    name: 'Ủy ban nhân dân tỉnh Nghệ An',
    leader: { fullName: 'Lê Thị Hồng Vân', position: 'Phó Chủ tịch Ủy ban nhân dân tỉnh' },
  },
];

export async function generateSpecDevPki(name: string, now = new Date()): Promise<DevPki> {
  const parent = join(testRunDir(), 'signature-verifier');
  mkdirSync(parent, { recursive: true });
  const outDir = join(mkdtempSync(join(parent, `${name}-`)), 'pki');
  await generateDevPki({ outDir, agencies: SPEC_AGENCIES, now });
  return loadDevPki(outDir);
}

/** A certificate issued by openssl from an existing CA cert and key (an independent issuer). */
export function issueWithOpenssl(options: {
  workDir: string;
  name: string;
  issuerCertPath: string;
  issuerKeyPath: string;
  subject: string;
  /** openssl x509v3 config lines, e.g. `basicConstraints=critical,CA:TRUE`. */
  extensions: readonly string[];
  days?: number;
}): { certPath: string; keyPath: string; certDer: Buffer } {
  mkdirSync(options.workDir, { recursive: true });
  const base = join(options.workDir, options.name);
  const keyPath = `${base}.key.pem`;
  const csrPath = `${base}.csr`;
  const certPath = `${base}.pem`;
  const extPath = `${base}.ext`;
  writeFileSync(extPath, `${options.extensions.join('\n')}\n`);
  const run = (args: string[]): void => {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  run([
    'req',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyPath,
    '-out',
    csrPath,
    '-subj',
    options.subject,
  ]);
  run([
    'x509',
    '-req',
    '-in',
    csrPath,
    '-CA',
    options.issuerCertPath,
    '-CAkey',
    options.issuerKeyPath,
    '-CAcreateserial',
    '-out',
    certPath,
    '-days',
    String(options.days ?? 30),
    '-sha256',
    '-extfile',
    extPath,
  ]);
  const pem = readFileSync(certPath, 'utf8');
  return {
    certPath,
    keyPath,
    certDer: Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'),
  };
}
