import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import type { DevPkiCertificateEntry } from '@docaxis/signature/pki/dev-pki-manifest';

/**
 * A real `openssl ocsp` responder for the dev PKI's issuing CA, on a loopback port, answering
 * from an openssl CA index built from the PKI manifest (every certificate the issuing CA issued,
 * the CRL's revoked ones as revoked). Signs with the TEST delegated OCSP responder certificate,
 * or with the issuing CA itself. An independent implementation to test docaxis' OCSP client against.
 */
export interface OpensslOcspResponder {
  url: string;
  stop(): Promise<void>;
}

/** A port free right now on 127.0.0.1 (for a PKI whose certificates must name it up front). */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

export async function startOpensslOcspResponder(options: {
  pki: DevPki;
  port: number;
  workDir: string;
  /** Sign with the issuing CA's own key instead of the delegated responder. */
  signWithIssuer?: boolean;
  /** Sign with this certificate and key instead (to test responder authorization). */
  signer?: { certPath: string; keyPath: string };
  /** Minutes until nextUpdate; none (then only thisUpdate) when omitted. */
  nextUpdateMinutes?: number;
}): Promise<OpensslOcspResponder> {
  const { pki, port, workDir } = options;
  const index = join(workDir, 'ocsp-index.txt');
  writeFileSync(index, ocspIndexOf(pki));
  // Special certificates share subjects with the agencies' own: the index must allow that.
  writeFileSync(`${index}.attr`, 'unique_subject = no\n');
  const signer =
    options.signer ?? (options.signWithIssuer ? pki.issuing : pki.special('ocsp-responder'));
  const args = [
    'ocsp',
    '-index',
    index,
    '-port',
    String(port),
    '-rsigner',
    signer.certPath,
    '-rkey',
    signer.keyPath,
    '-CA',
    pki.issuing.certPath,
    '-ignore_err',
  ];
  if (options.nextUpdateMinutes !== undefined)
    args.push('-nmin', String(options.nextUpdateMinutes));
  const child = spawn('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  await waitUntilListening(child, port);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => stopProcess(child),
  };
}

/** openssl's CA database format: status, expiry, revocation[,reason], serial, file, subject. */
function ocspIndexOf(pki: DevPki): string {
  const revoked = new Map(
    pki.manifest.crls['issuing-ca'].revoked.map((entry) => [entry.serialNumberHex, entry]),
  );
  const manifest = pki.manifest;
  const entries: DevPkiCertificateEntry[] = [
    ...manifest.agencies.flatMap((agency) => [
      agency.organization,
      agency.leader,
      agency.client,
      agency.clerk,
    ]),
    manifest.server,
    manifest.axis,
    ...Object.values(manifest.operators),
    ...Object.values(manifest.special),
  ].filter((entry) => entry.issuer === manifest.issuing.subject);
  return entries
    .map((entry) => {
      const gone = revoked.get(entry.serialNumberHex);
      const revocation = gone ? `${opensslTime(new Date(gone.revocationDate))},${gone.reason}` : '';
      return [
        gone ? 'R' : 'V',
        opensslTime(new Date(entry.notAfter)),
        revocation,
        entry.serialNumberHex,
        'unknown',
        `/${entry.subject.split(/,\s*/).reverse().join('/')}`,
      ].join('\t');
    })
    .join('\n')
    .concat('\n');
}

/** UTCTime as the index wants it: YYMMDDHHMMSSZ. */
function opensslTime(date: Date): string {
  return `${date.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`;
}

/**
 * Until openssl says it waits for connections. Not by probing the port: openssl serves one
 * connection at a time and would hang on a probe that sends no request. Bounded as the other test
 * waits (45 s): starting a process can take seconds on a loaded machine.
 */
function waitUntilListening(child: ChildProcess, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`openssl ocsp did not listen on ${port}: ${stderr}`));
    }, 45_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('waiting for OCSP client connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`openssl ocsp exited: ${stderr}`));
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill();
  });
}
