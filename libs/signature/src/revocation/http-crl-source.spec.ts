import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { testRunDir } from '@docaxis/testing/test-run';
import { generateDevPki } from '@docaxis/signature/pki/dev-pki-generator';
import { loadDevPki, type DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { CertificateCache } from '@docaxis/signature/trust/certificate-cache';
import { SPEC_AGENCIES } from '@docaxis/signature/verification/dev-pki-spec-fixture';
import { CrlRevocationChecker } from './crl-revocation-checker';
import { HttpCrlSource } from './http-crl-source';
import { createDevPkiPdfVerifier } from '@docaxis/signature/testing/dev-pki-verifier';

const DAY = 24 * 60 * 60 * 1000;

describe('HttpCrlSource against a local CRL distribution point', () => {
  let server: Server;
  let pki: DevPki;
  let mode: 'ok' | 'error' | 'huge' = 'ok';
  const requests: string[] = [];
  const cache = new CertificateCache();

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      const name = /^\/crl\/(root-ca|issuing-ca)\.crl$/.exec(request.url ?? '')?.[1] as
        'root-ca' | 'issuing-ca' | undefined;
      if (mode === 'error' || !name) {
        response.writeHead(mode === 'error' ? 503 : 404).end();
      } else if (mode === 'huge') {
        response.writeHead(200).end(Buffer.alloc(64 * 1024));
      } else {
        response.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(pki.crlDer(name));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const parent = join(testRunDir(), 'signature-verifier');
    mkdirSync(parent, { recursive: true });
    const outDir = join(mkdtempSync(join(parent, 'http-crl-')), 'pki');
    await generateDevPki({
      outDir,
      agencies: SPEC_AGENCIES,
      crlBaseUrl: `http://127.0.0.1:${port}/crl`,
    });
    pki = loadDevPki(outDir);
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    mode = 'ok';
    requests.length = 0;
  });

  function request(name: 'seal' | 'revoked') {
    const credential =
      name === 'seal'
        ? pki.agency('000.00.00.G22').organization
        : pki.special('revoked-organization');
    return {
      certificate: cache.parse(credential.certDer),
      issuer: cache.parse(pki.issuing.certDer),
      validationTime: new Date(),
    };
  }

  it('fetches each distribution point once, shares concurrent requests and answers from its cache', async () => {
    const checker = new CrlRevocationChecker([new HttpCrlSource()]);
    const [seal, revoked] = await Promise.all([
      checker.check(request('seal')),
      checker.check(request('revoked')),
    ]);
    expect(seal).toMatchObject({ status: 'good', source: 'crl' });
    expect(revoked).toMatchObject({ status: 'revoked', reason: 'keyCompromise' });
    await checker.check(request('seal'));
    expect(requests).toEqual(['/crl/issuing-ca.crl']);
  });

  it('refetches once the cached CRL nears its nextUpdate', async () => {
    let now = new Date();
    const source = new HttpCrlSource({ now: () => now });
    const checker = new CrlRevocationChecker([source]);
    await checker.check(request('seal'));
    now = new Date(Date.now() + 7 * DAY); // past nextUpdate minus the refresh margin
    await checker.check(request('seal'));
    expect(requests).toEqual(['/crl/issuing-ca.crl', '/crl/issuing-ca.crl']);
  });

  it('refetches after at most its maximum cache age, far from nextUpdate: a CA may publish a CRL early to revoke at once', async () => {
    let now = new Date();
    const checker = new CrlRevocationChecker([new HttpCrlSource({ now: () => now })]);
    await checker.check(request('seal'));
    now = new Date(now.getTime() + 14 * 60 * 1000);
    await checker.check(request('seal'));
    expect(requests).toHaveLength(1);
    now = new Date(now.getTime() + 2 * 60 * 1000); // 16 minutes after the fetch
    await checker.check(request('seal'));
    expect(requests).toEqual(['/crl/issuing-ca.crl', '/crl/issuing-ca.crl']);
  });

  it('keeps answering from a cached CRL that is still current while its refetch fails', async () => {
    let now = new Date();
    const checker = new CrlRevocationChecker([new HttpCrlSource({ now: () => now })]);
    await checker.check(request('revoked'));
    mode = 'error';
    now = new Date(now.getTime() + 20 * 60 * 1000);
    await expect(checker.check(request('revoked'))).resolves.toMatchObject({
      status: 'revoked',
    });
    expect(requests).toHaveLength(2);
  });

  it('answers unknown when the distribution point fails, and backs off before asking again', async () => {
    mode = 'error';
    const checker = new CrlRevocationChecker([new HttpCrlSource()]);
    await expect(checker.check(request('seal'))).resolves.toMatchObject({
      status: 'unknown',
      note: expect.stringContaining('HTTP 503'),
    });
    await checker.check(request('seal'));
    expect(requests).toHaveLength(1);
  });

  it('refuses an oversized answer', async () => {
    mode = 'huge';
    const checker = new CrlRevocationChecker([new HttpCrlSource({ maxBytes: 1024 })]);
    await expect(checker.check(request('seal'))).resolves.toMatchObject({
      status: 'unknown',
      note: expect.stringContaining('larger than 1024 bytes'),
    });
  });

  it('lets the verifier pass a dispatch with no local CRL at all', async () => {
    const emptyCrlDir = mkdtempSync(join(pki.dir, '..', 'no-local-crl-'));
    const verifier = await createDevPkiPdfVerifier(pki, {
      crlDir: emptyCrlDir,
      extraCrlSources: [new HttpCrlSource()],
    });
    const report = await verifier.verify(await signedDispatchPdf(pki, '000.00.00.G22'));
    expect(report.indication).toBe('TOTAL-PASSED');
    expect([...new Set(requests)].sort()).toEqual(['/crl/issuing-ca.crl', '/crl/root-ca.crl']);
  });
});
