import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCrl, type RevokedCertificateEntry } from '@docaxis/signature/pki/crl-builder';
import { generateDevPki } from '@docaxis/signature/pki/dev-pki-generator';
import { loadDevPki, type DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { devIssuingCaIssuer } from '@docaxis/signature/testing/dev-issuing-ca-crl';
import { createDevPkiPdfVerifier } from '@docaxis/signature/testing/dev-pki-verifier';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { CertificateCache } from '@docaxis/signature/trust/certificate-cache';
import { SPEC_AGENCIES } from '@docaxis/signature/verification/dev-pki-spec-fixture';
import { testRunDir } from '@docaxis/testing/test-run';
import { parseCrl } from './certificate-revocation-list';
import { CrlRevocationChecker } from './crl-revocation-checker';
import { HttpCrlSource } from './http-crl-source';

const G22 = '000.00.00.G22';
const DAY = 24 * 60 * 60 * 1000;

/**
 * Delta CRLs over HTTP (RFC 5280 §5.2.6): a local distribution point serves the TEST issuing CA's
 * complete CRL, whose freshestCRL names a delta CRL served beside it. Online, the checker follows
 * it and applies the delta; a delta it cannot have leaves the complete CRL's answer, said in a
 * note; offline, freshestCRL is not followed.
 */
describe('delta CRLs named by freshestCRL, fetched over HTTP', () => {
  let server: Server;
  let pki: DevPki;
  let base: string;
  /** What the distribution point serves: the complete CRL, and the delta (undefined: HTTP 503). */
  let complete: Buffer;
  let delta: Buffer | undefined;
  const requests: string[] = [];
  const cache = new CertificateCache();
  const now = new Date();

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      const body =
        request.url === '/crl/root-ca.crl'
          ? pki.crlDer('root-ca')
          : request.url === '/crl/issuing-ca.crl'
            ? complete
            : request.url === '/crl/issuing-ca-delta.crl'
              ? delta
              : undefined;
      if (body) response.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(body);
      else response.writeHead(request.url === '/crl/issuing-ca-delta.crl' ? 503 : 404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/crl`;
    const parent = join(testRunDir(), 'signature-verifier');
    mkdirSync(parent, { recursive: true });
    const outDir = join(mkdtempSync(join(parent, 'freshest-crl-')), 'pki');
    await generateDevPki({ outDir, agencies: SPEC_AGENCIES, crlBaseUrl: base });
    pki = loadDevPki(outDir);
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    requests.length = 0;
  });

  const sealSerial = () => Buffer.from(pki.agency(G22).organization.serialNumberHex, 'hex');
  const heldSeal = (): RevokedCertificateEntry => ({
    serialNumber: sealSerial(),
    revocationDate: new Date(now.getTime() - DAY),
    reason: 'certificateHold',
  });
  const releasedSeal = (): RevokedCertificateEntry => ({ ...heldSeal(), reason: 'removeFromCRL' });

  /** Complete CRL 20 listing `revoked`, its freshestCRL naming the delta beside it. */
  const serveComplete = (revoked: RevokedCertificateEntry[]): void => {
    complete = buildCrl({
      issuer: devIssuingCaIssuer(pki),
      thisUpdate: new Date(now.getTime() - 2 * 60_000),
      nextUpdate: new Date(now.getTime() + 7 * DAY),
      crlNumber: 20,
      freshestCrlUrls: [`${base}/issuing-ca-delta.crl`],
      revoked,
    }).der;
  };
  /** Delta CRL 21 on complete CRL 20; `nextUpdate` a day ahead unless given. */
  const serveDelta = (revoked: RevokedCertificateEntry[], nextUpdate?: Date): void => {
    delta = buildCrl({
      issuer: devIssuingCaIssuer(pki),
      thisUpdate: new Date(now.getTime() - 60_000),
      nextUpdate: nextUpdate ?? new Date(now.getTime() + DAY),
      crlNumber: 21,
      deltaOf: 20,
      revoked,
    }).der;
  };

  const onlineChecker = (): CrlRevocationChecker => {
    const http = new HttpCrlSource();
    return new CrlRevocationChecker([http], { freshestCrlFetcher: http });
  };
  const checkSeal = (checker: CrlRevocationChecker) =>
    checker.check({
      certificate: cache.parse(pki.agency(G22).organization.certDer),
      issuer: cache.parse(pki.issuing.certDer),
      validationTime: now,
    });
  const emptyCrlDir = () => mkdtempSync(join(pki.dir, '..', 'no-local-crl-'));
  /** A G22 seal-only dispatch through a verifier as the apps build it online, no CRL folder. */
  const verifySealOnline = async () => {
    const verifier = await createDevPkiPdfVerifier(pki, {
      crlDir: emptyCrlDir(),
      onlineRevocation: true,
    });
    return verifier.verify(await signedDispatchPdf(pki, G22, { leader: false }));
  };

  it('reads freshestCRL from a complete CRL', () => {
    serveComplete([]);
    expect(parseCrl(complete).freshestCrlUris).toEqual([`${base}/issuing-ca-delta.crl`]);
    expect(parseCrl(pki.crlDer('issuing-ca')).freshestCrlUris).toEqual([]);
  });

  it('online: a seal on hold in the complete CRL, released by the delta it names, passes', async () => {
    serveComplete([heldSeal()]);
    serveDelta([releasedSeal()]);
    const report = await verifySealOnline();
    expect(report.indication).toBe('TOTAL-PASSED');
    expect(report.signatures[0].revocation).toMatchObject({
      status: 'good',
      source: 'crl',
      note: expect.stringContaining('released from hold (removeFromCRL) by delta CRL 21'),
    });
    expect(requests).toContain('/crl/issuing-ca-delta.crl');
  });

  it('online: a revocation only the delta lists revokes, and the delta is fetched once while fresh', async () => {
    serveComplete([]);
    serveDelta([
      {
        serialNumber: sealSerial(),
        revocationDate: new Date(now.getTime() - 30 * 60_000),
        reason: 'keyCompromise',
      },
    ]);
    const checker = onlineChecker();
    await expect(checkSeal(checker)).resolves.toMatchObject({
      status: 'revoked',
      source: 'crl',
      reason: 'keyCompromise',
    });
    await checkSeal(checker);
    expect(requests).toEqual(['/crl/issuing-ca.crl', '/crl/issuing-ca-delta.crl']);
  });

  it('online, the delta unreachable: the complete CRL answers alone, and the outcome says so', async () => {
    serveComplete([heldSeal()]);
    delta = undefined;
    const held = await checkSeal(onlineChecker());
    expect(held).toMatchObject({ status: 'revoked', reason: 'certificateHold' });
    expect(held).toHaveProperty(
      'note',
      expect.stringMatching(
        /delta CRL named by CRL 20's freshestCRL .* could not be fetched \(.*HTTP 503.*\): the complete CRL answers alone/,
      ),
    );
    // Through the verifier: still judged on the complete CRL (on hold), the note in the report.
    const report = await verifySealOnline();
    expect(`${report.indication}/${report.subIndication}`).toBe('INDETERMINATE/TRY_LATER');
    expect(report.signatures[0].messages.map((m) => m.code)).toContain('CERTIFICATE_ON_HOLD');
    expect(report.signatures[0].revocation.note).toMatch(/could not be fetched/);

    serveComplete([]);
    const good = await checkSeal(onlineChecker());
    expect(good).toMatchObject({ status: 'good', note: expect.stringMatching(/HTTP 503/) });
  });

  it('online, the delta stale: not applied, the complete CRL answers with a note', async () => {
    serveComplete([heldSeal()]);
    serveDelta([releasedSeal()], new Date(now.getTime() - 10_000));
    const outcome = await checkSeal(onlineChecker());
    expect(outcome).toMatchObject({
      status: 'revoked',
      reason: 'certificateHold',
      note: expect.stringMatching(/is not usable \(CRL is stale/),
    });
  });

  it('offline (REVOCATION_ONLINE=false): freshestCRL is not followed, the folder alone answers', async () => {
    serveComplete([heldSeal()]);
    serveDelta([releasedSeal()]);
    const folder = emptyCrlDir();
    copyFileSync(pki.crl('root-ca').derPath, join(folder, 'root-ca.crl'));
    writeFileSync(join(folder, 'issuing-ca.crl'), complete);
    const verifier = await createDevPkiPdfVerifier(pki, { crlDir: folder });
    const report = await verifier.verify(await signedDispatchPdf(pki, G22, { leader: false }));
    expect(`${report.indication}/${report.subIndication}`).toBe('INDETERMINATE/TRY_LATER');
    expect(report.signatures[0].messages.map((m) => m.code)).toContain('CERTIFICATE_ON_HOLD');
    expect(requests).toEqual([]);
  });
});
