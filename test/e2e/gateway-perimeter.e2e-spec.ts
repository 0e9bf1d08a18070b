import { copyFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { DevPkiCredential } from '@docaxis/signature/pki/dev-pki-loader';
import { anonymous } from '@docaxis/testing/agency-client';
import {
  issueClientCertificate,
  publishRevocation,
  registerDirectly,
} from '@docaxis/testing/client-certificates';
import { testRunDir } from '@docaxis/testing/test-run';
import { waitFor } from '@docaxis/testing/wait-for';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { testPki } from '@docaxis/testing/test-pki';
import { loadGatewayConfig } from '../../apps/gateway/src/config/gateway.config';
import { createGatewayApp } from '../../apps/gateway/src/gateway-app.factory';

const A = '000.00.00.H41';
const B = '000.00.00.H14';
/** Its own agency, so that polling for the new CRL spends no other test's rate budget. */
const C = '000.00.00.H20';
/** Its own agency, for the budget shared by two gateway instances. */
const D = '000.00.14.H20';
const HEADER = 'X-SSL-Client-Cert';
const LIMIT = 25;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { error?: { code: string; details?: Record<string, unknown> } };
}

/**
 * One HTTPS request from a chosen local address (127.0.0.2 is loopback too on Linux, but not a
 * trusted proxy here), optionally with a TLS client certificate and the forwarded-certificate
 * header.
 */
function call(
  axis: RunningAxis,
  path: string,
  options: { from?: string; tls?: DevPkiCredential; forwarded?: string },
): Promise<RawResponse> {
  const url = new URL(`/api/v1${path}`, axis.gatewayUrl);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method: 'GET',
        ca: axis.pki.server.caBundlePem,
        cert: options.tls?.certPem,
        key: options.tls?.keyPem,
        localAddress: options.from,
        headers: options.forwarded === undefined ? {} : { [HEADER]: options.forwarded },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text ? (JSON.parse(text) as RawResponse['body']) : {},
          });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Whether a TLS handshake with these client-side settings succeeds, and what it agreed. */
function handshake(
  axis: RunningAxis,
  options: ConnectionOptions,
): Promise<{ ok: true; protocol: string | null; cipher: string } | { ok: false }> {
  const url = new URL(axis.gatewayUrl);
  return new Promise((resolve) => {
    const socket = tlsConnect(
      { host: url.hostname, port: Number(url.port), ca: axis.pki.server.caBundlePem, ...options },
      () => {
        const result = {
          ok: true as const,
          protocol: socket.getProtocol(),
          cipher: socket.getCipher().name,
        };
        socket.end();
        resolve(result);
      },
    );
    socket.on('error', () => resolve({ ok: false }));
  });
}

const escaped = (credential: DevPkiCredential) => encodeURIComponent(credential.certPem);

/**
 * Trusted-proxy mode: only 127.0.0.1 is the proxy. Connections from there authenticate by the
 * forwarded header; from 127.0.0.2 the header is refused and mutual TLS works as usual.
 * The per-agency rate limit is on, small, in the same axis.
 */
describe('trusted-proxy mode and per-agency rate limits', () => {
  let axis: RunningAxis;

  let issuingCrlPath: string;

  beforeAll(async () => {
    const pki = await testPki();
    // A copy of the issuing CA's CRL that a test replaces, as a CA publishing a new CRL would.
    issuingCrlPath = join(testRunDir(), `issuing-ca-${process.pid}.crl.pem`);
    copyFileSync(pki.crl('issuing-ca').pemPath, issuingCrlPath);
    axis = await startAxis('proxy', {
      TLS_CRL_FILES: `${pki.crl('root-ca').pemPath},${issuingCrlPath}`,
      TLS_RELOAD_INTERVAL_MS: '300',
      TRUSTED_PROXY_CERT_HEADER: HEADER,
      TRUSTED_PROXY_ADDRESSES: '127.0.0.1/32',
      RATE_LIMIT_PER_AGENCY: String(LIMIT),
      RATE_LIMIT_WINDOW_MS: '600000',
    });
  });

  afterAll(async () => {
    await axis?.stop();
  });

  it('authenticates the agency from the header a trusted proxy forwards', async () => {
    const response = await call(axis, '/inbox', { forwarded: escaped(axis.pki.agency(B).client) });
    expect(response.status).toBe(200);
  });

  it('refuses the header from an address that is not a trusted proxy, even with a valid certificate', async () => {
    const response = await call(axis, '/inbox', {
      from: '127.0.0.2',
      tls: axis.pki.agency(B).client,
      forwarded: escaped(axis.pki.agency(B).client),
    });
    expect(response.status).toBe(401);
    expect(response.body.error?.code).toBe('CLIENT_CERTIFICATE_HEADER_UNTRUSTED');
    // Without the header, that address is an ordinary mutual-TLS client.
    const direct = await call(axis, '/inbox', {
      from: '127.0.0.2',
      tls: axis.pki.agency(B).client,
    });
    expect(direct.status).toBe(200);
  });

  it('checks a forwarded certificate like the handshake does: chain, validity, revocation', async () => {
    const expired = await issueClientCertificate(axis.pki, {
      agencyCode: B,
      notBefore: new Date(Date.now() - 10 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
    });
    const cases: [string | undefined, number, string, string | undefined][] = [
      [
        escaped(axis.pki.special('revoked-client')),
        401,
        'CLIENT_CERTIFICATE_INVALID',
        'CERT_REVOKED',
      ],
      [
        escaped(axis.pki.special('expired-client')),
        401,
        'CLIENT_CERTIFICATE_INVALID',
        'CERT_HAS_EXPIRED',
      ],
      [escaped(expired), 401, 'CLIENT_CERTIFICATE_INVALID', 'CERT_HAS_EXPIRED'],
      [
        escaped(axis.pki.special('rogue-organization')),
        401,
        'CLIENT_CERTIFICATE_INVALID',
        'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      ],
      [
        escaped(axis.pki.agency(B).organization),
        401,
        'CLIENT_CERTIFICATE_INVALID',
        'INVALID_PURPOSE',
      ],
      ['%E0%A4%A', 401, 'CLIENT_CERTIFICATE_INVALID', 'FORWARDED_CERTIFICATE_MALFORMED'],
      [
        encodeURIComponent(axis.pki.agency(B).client.keyPem),
        401,
        'CLIENT_CERTIFICATE_INVALID',
        'FORWARDED_CERTIFICATE_MALFORMED',
      ],
      [undefined, 401, 'CLIENT_CERTIFICATE_REQUIRED', undefined],
      [
        escaped(await issueClientCertificate(axis.pki, { agencyCode: B })),
        403,
        'CLIENT_CERTIFICATE_NOT_REGISTERED',
        undefined,
      ],
    ];
    for (const [forwarded, status, code, reason] of cases) {
      const response = await call(axis, '/inbox', { forwarded });
      const label = forwarded?.slice(-40);
      expect({
        label,
        status: response.status,
        code: response.body.error?.code,
        reason: response.body.error?.details?.reason,
      }).toEqual({
        label,
        status,
        code,
        reason,
      });
    }
  });

  it('limits each agency across its certificates and routes, answering 429 RATE_LIMITED; others are unaffected', async () => {
    const agency = axis.pki.agency(A);
    let last: RawResponse | undefined;
    let allowed = 0;
    for (let i = 0; i < LIMIT + 1; i += 1) {
      // Alternate the agency system's and the clerk's certificate, and two routes: one budget.
      const credential = i % 2 === 0 ? agency.client : agency.clerk;
      last = await call(axis, i % 2 === 0 ? '/inbox' : '/dispatches/none', {
        forwarded: escaped(credential),
      });
      if (last.status !== 429) allowed += 1;
    }
    expect(allowed).toBe(LIMIT);
    expect(last?.status).toBe(429);
    expect(last?.body.error?.code).toBe('RATE_LIMITED');
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    // Another agency, through the same proxy address, still gets in.
    expect(
      (await call(axis, '/inbox', { forwarded: escaped(axis.pki.agency(B).client) })).status,
    ).toBe(200);
    // Callers that cannot authenticate are counted by address, and told why they are refused.
    expect((await anonymous(axis).get('/inbox')).body.error.code).toBe(
      'CLIENT_CERTIFICATE_REQUIRED',
    );
  });

  it('gives an agency one budget however many gateway instances serve it (counters in PostgreSQL)', async () => {
    // A second gateway instance on the same database, as behind a balancer.
    const second = await createGatewayApp(loadGatewayConfig(axis.env));
    try {
      await second.listen(0, '127.0.0.1');
      const { port } = (second.getHttpServer() as { address(): AddressInfo }).address();
      const instances = [axis, { ...axis, gatewayUrl: `https://127.0.0.1:${port}` }];
      const agency = axis.pki.agency(D);
      let allowed = 0;
      let last: RawResponse | undefined;
      for (let i = 0; i < LIMIT + 1; i += 1) {
        last = await call(instances[i % 2], '/inbox', { forwarded: escaped(agency.client) });
        if (last.status !== 429) allowed += 1;
      }
      expect(allowed).toBe(LIMIT);
      expect(last?.body.error?.code).toBe('RATE_LIMITED');
      // Refused on the first instance too, now.
      expect((await call(axis, '/inbox', { forwarded: escaped(agency.client) })).status).toBe(429);
    } finally {
      await second.close();
    }
  });

  it('speaks TLS 1.2+ with forward-secret AEAD ciphers only', async () => {
    const tls13 = await handshake(axis, {});
    expect(tls13).toMatchObject({ ok: true, protocol: 'TLSv1.3' });
    const tls12 = await handshake(axis, { maxVersion: 'TLSv1.2' });
    expect(tls12).toMatchObject({ ok: true, protocol: 'TLSv1.2' });
    expect(tls12.ok && tls12.cipher).toMatch(
      /^ECDHE-(RSA|ECDSA)-(AES\d+-GCM-SHA\d+|CHACHA20-POLY1305)$/,
    );
    // CBC suites, static RSA key exchange and TLS 1.1 are refused.
    for (const ciphers of [
      'ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES128-SHA',
      'AES128-GCM-SHA256:AES256-SHA',
    ]) {
      expect(await handshake(axis, { maxVersion: 'TLSv1.2', ciphers })).toEqual({ ok: false });
    }
    expect(
      await handshake(axis, {
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.1',
        ciphers: 'DEFAULT:@SECLEVEL=0',
      }),
    ).toEqual({ ok: false });
  });

  it('refuses TLS renegotiation, so a connection keeps the certificate it authenticated with', async () => {
    const url = new URL(axis.gatewayUrl);
    const { certPem, keyPem } = axis.pki.agency(A).client;
    const outcome = await new Promise<string>((resolve) => {
      const socket = tlsConnect(
        {
          host: url.hostname,
          port: Number(url.port),
          ca: axis.pki.server.caBundlePem,
          cert: certPem,
          key: keyPem,
          maxVersion: 'TLSv1.2',
        },
        () => {
          socket.renegotiate({}, (error) => {
            socket.destroy();
            resolve(error ? 'refused' : 'renegotiated');
          });
        },
      );
      socket.on('error', (error: NodeJS.ErrnoException) => {
        socket.destroy();
        resolve(error.code ?? error.message);
      });
    });
    expect(outcome).toBe('ERR_SSL_NO_RENEGOTIATION');
  });

  it('sends the security headers on answers and refusals alike', async () => {
    const ok = await call(axis, '/inbox', { forwarded: escaped(axis.pki.agency(B).client) });
    const refused = await call(axis, '/inbox', { from: '127.0.0.2' });
    expect(refused.body.error?.code).toBe('CLIENT_CERTIFICATE_REQUIRED');
    for (const response of [ok, refused]) {
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('a newly published CRL revokes a client certificate without a restart, at the handshake and behind the proxy', async () => {
    const credential = await issueClientCertificate(axis.pki, { agencyCode: C });
    await registerDirectly(axis, credential, C, ['agency-system']);
    expect((await call(axis, '/inbox', { from: '127.0.0.2', tls: credential })).status).toBe(200);
    expect((await call(axis, '/inbox', { forwarded: escaped(credential) })).status).toBe(200);

    publishRevocation(axis.pki, issuingCrlPath, credential);
    // Until the reload, each poll is C's and counts against its budget (LIMIT per window): paced
    // at 4 a second rather than waitFor's 20, so a reload that a loaded machine runs seconds late
    // is not outlasted by the budget (a 429 would never turn into the awaited 401).
    const direct = await waitFor(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 250));
        return call(axis, '/inbox', { from: '127.0.0.2', tls: credential });
      },
      (response) => response.status === 401,
      'the handshake to see the new CRL',
    );
    expect(direct.body.error?.code).toBe('CLIENT_CERTIFICATE_INVALID');
    expect(direct.body.error?.details?.reason).toBe('CERT_REVOKED');
    const forwarded = await call(axis, '/inbox', { forwarded: escaped(credential) });
    expect(forwarded.body.error?.details?.reason).toBe('CERT_REVOKED');
    // Everyone else is unaffected.
    expect(
      (await call(axis, '/inbox', { from: '127.0.0.2', tls: axis.pki.agency(B).client })).status,
    ).toBe(200);
  });
});
