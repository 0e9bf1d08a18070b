import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { generateDevPki } from '@docaxis/signature/pki/dev-pki-generator';
import { loadDevPki, type DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import {
  freeLoopbackPort,
  startOpensslOcspResponder,
  type OpensslOcspResponder,
} from '@docaxis/signature/testing/openssl-ocsp-responder';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { testRunDir } from '@docaxis/testing/test-run';
import { SPEC_AGENCIES } from './dev-pki-spec-fixture';
import { createDevPkiPdfVerifier } from '@docaxis/signature/testing/dev-pki-verifier';

const G22 = '000.00.00.G22';

/**
 * The revocation wiring the apps run with REVOCATION_ONLINE=true: an `openssl ocsp` responder and
 * an HTTP CRL distribution point named in the certificates, an empty CRL folder. OCSP answers
 * first; when it cannot, the CRLs fetched over HTTP do; when neither can, TRY_LATER.
 */
describe('online revocation (OCSP, then CRLs over HTTP)', () => {
  let pki: DevPki;
  let dir: string;
  let ocspPort: number;
  let responder: OpensslOcspResponder | undefined;
  let crlServer: Server;
  let crlAvailable = true;

  beforeAll(async () => {
    dir = mkdtempSync(join(testRunDir(), 'online-revocation-'));
    crlServer = createServer((request, response) => {
      const name = /^\/crl\/(root-ca|issuing-ca)\.crl$/.exec(request.url ?? '')?.[1] as
        'root-ca' | 'issuing-ca' | undefined;
      if (!crlAvailable || !name) response.writeHead(503).end();
      else
        response.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(pki.crlDer(name));
    });
    const crlPort = await freeLoopbackPort();
    await new Promise<void>((resolve) => crlServer.listen(crlPort, '127.0.0.1', resolve));
    ocspPort = await freeLoopbackPort();
    await generateDevPki({
      outDir: join(dir, 'pki'),
      agencies: SPEC_AGENCIES,
      crlBaseUrl: `http://127.0.0.1:${crlPort}/crl`,
      ocspUrl: `http://127.0.0.1:${ocspPort}`,
    });
    pki = loadDevPki(join(dir, 'pki'));
    responder = await startOpensslOcspResponder({
      pki,
      port: ocspPort,
      workDir: dir,
      nextUpdateMinutes: 10,
    });
  });

  afterAll(async () => {
    await responder?.stop();
    await new Promise((resolve) => crlServer.close(resolve));
  });

  async function onlineVerifier() {
    const emptyCrlDir = join(dir, `no-crls-${Math.random().toString(36).slice(2)}`);
    mkdirSync(emptyCrlDir);
    return createDevPkiPdfVerifier(pki, { crlDir: emptyCrlDir, onlineRevocation: true });
  }

  it('answers from OCSP for the signers, from the HTTP CRL for the issuing CA', async () => {
    const report = await (await onlineVerifier()).verify(await signedDispatchPdf(pki, G22));
    expect(report.indication).toBe('TOTAL-PASSED');
    expect(report.signatures.map((s) => s.revocation.source)).toEqual(['ocsp', 'ocsp']);
  });

  it('falls back to the HTTP CRLs when the responder is gone, and fails a revoked seal', async () => {
    await responder?.stop();
    responder = undefined;
    const verifier = await onlineVerifier();
    const report = await verifier.verify(await signedDispatchPdf(pki, G22));
    expect(report.indication).toBe('TOTAL-PASSED');
    expect(report.signatures.map((s) => s.revocation.source)).toEqual(['crl', 'crl']);
    const revoked = await verifier.verify(
      await signedDispatchPdf(pki, G22, { organization: pki.special('revoked-organization') }),
    );
    expect(`${revoked.indication}/${revoked.subIndication}`).toBe('TOTAL-FAILED/REVOKED');
  });

  it('is INDETERMINATE / TRY_LATER when neither OCSP nor any CRL can be had', async () => {
    crlAvailable = false;
    const report = await (await onlineVerifier()).verify(await signedDispatchPdf(pki, G22));
    expect(`${report.indication}/${report.subIndication}`).toBe('INDETERMINATE/TRY_LATER');
    expect(report.signatures[0].revocation.note).toMatch(/OCSP/);
  });
});
