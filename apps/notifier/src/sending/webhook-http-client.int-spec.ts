import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { testPki } from '@docaxis/testing/test-pki';
import type { HostLookup } from '@docaxis/webhooks/destination/webhook-destination';
import type { NotifierConfig } from '../config/notifier.config';
import { WebhookHttpClient } from './webhook-http-client';

/** The client against a local HTTPS receiver (TEST PKI: SAN localhost, 127.0.0.1, ::1). */
describe('WebhookHttpClient: where a POST may go', () => {
  let server: Server;
  let port: number;
  let caFile: string;
  let pkiCertPath: string;
  let pkiKeyPath: string;
  let received = 0;

  beforeAll(async () => {
    const pki = await testPki();
    caFile = pki.server.caBundlePath;
    pkiCertPath = pki.server.certPath;
    pkiKeyPath = pki.server.keyPath;
    server = createServer(
      {
        cert: readFileSync(pki.server.certPath, 'utf8'),
        key: readFileSync(pki.server.keyPath, 'utf8'),
      },
      (req, res) => {
        received += 1;
        req.resume();
        req.on('end', () => res.writeHead(200).end());
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function client(allowed: string[], lookup?: HostLookup): WebhookHttpClient {
    const config = {
      WEBHOOK_CA_FILE: caFile,
      WEBHOOK_TIMEOUT_MS: 2000,
      WEBHOOK_ALLOWED_PRIVATE_NETWORKS: allowed,
    } as NotifierConfig;
    return new WebhookHttpClient(config, lookup);
  }

  const post = (url: string) => ({ url, headers: {}, body: '{}' });

  it('POSTs to an allowed address', async () => {
    const answer = await client(['127.0.0.0/8']).post(post(`https://127.0.0.1:${port}/hook`));
    expect(answer).toEqual({ statusCode: 200, error: null });
  });

  it('refuses a loopback literal without connecting, as a failed answer', async () => {
    const before = received;
    const answer = await client([]).post(post(`https://127.0.0.1:${port}/hook`));
    expect(answer.statusCode).toBeNull();
    expect(answer.error).toMatch(/^refused: the webhook host 127\.0\.0\.1 is not a public address/);
    expect(received).toBe(before);
  });

  it('refuses a host name that resolves to a private address', async () => {
    const before = received;
    const lookup: HostLookup = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    const answer = await client([], lookup).post(post(`https://hooks.example.org:${port}/hook`));
    expect(answer.error).toContain('hooks.example.org resolves to 127.0.0.1');
    expect(received).toBe(before);
  });

  it('connects to the address it checked, never resolving again (DNS rebinding)', async () => {
    // A receiver on 127.0.0.2, which the system resolver never gives for "localhost": only a
    // client that connects to the checked address reaches it.
    const pinned = createServer(
      {
        cert: readFileSync(pkiCertPath, 'utf8'),
        key: readFileSync(pkiKeyPath, 'utf8'),
      },
      (req, res) => req.resume().on('end', () => res.writeHead(200).end()),
    );
    await new Promise<void>((resolve) => pinned.listen(0, '127.0.0.2', resolve));
    const pinnedPort = (pinned.address() as AddressInfo).port;
    let lookups = 0;
    const lookup: HostLookup = () => {
      lookups += 1;
      return Promise.resolve([{ address: '127.0.0.2', family: 4 }]);
    };
    try {
      const answer = await client(['127.0.0.0/8'], lookup).post(
        post(`https://localhost:${pinnedPort}/hook`),
      );
      expect(answer).toEqual({ statusCode: 200, error: null });
      expect(lookups).toBe(1);
    } finally {
      await new Promise<void>((resolve) => pinned.close(() => resolve()));
    }
  });

  it("still verifies the certificate against the URL's host name", async () => {
    // Pinned to the receiver's address, but its certificate does not name hooks.example.org.
    const lookup: HostLookup = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    const answer = await client(['127.0.0.0/8'], lookup).post(
      post(`https://hooks.example.org:${port}/hook`),
    );
    expect(answer.statusCode).toBeNull();
    expect(answer.error).toMatch(/altnames|hooks\.example\.org/);
  });
});
