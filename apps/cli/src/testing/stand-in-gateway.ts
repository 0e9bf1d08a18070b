import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testPki } from '@docaxis/testing/test-pki';
import { runCliCaptured, type CapturedCliRun } from './captured-cli-run';

/** A request the stand-in gateway received: method, path after /api/v1, headers, body. */
export interface StandInRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** How the stand-in answers one request (as the real gateway would, for the spec's case). */
export type StandInAnswer = (request: StandInRequest, response: ServerResponse) => void;

/**
 * A stand-in for the gateway over mutual TLS, with the test PKI's server certificate, so a spec
 * runs the CLI in-process against answers it chooses. `requests` records every request.
 */
export interface StandInGateway {
  readonly requests: StandInRequest[];
  /** Runs the CLI on `argv`, connected to this gateway as the first test agency, plus `env`. */
  cli(argv: readonly string[], env?: NodeJS.ProcessEnv): Promise<CapturedCliRun>;
  close(): Promise<void>;
}

export async function startStandInGateway(answer: StandInAnswer): Promise<StandInGateway> {
  const pki = await testPki();
  const requests: StandInRequest[] = [];
  const server: Server = createServer(
    { cert: pki.server.certPem, key: pki.server.keyPem },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request: StandInRequest = {
          method: req.method ?? 'GET',
          path: (req.url ?? '').replace(/^\/api\/v1/, ''),
          headers: req.headers,
          body: Buffer.concat(chunks),
        };
        requests.push(request);
        answer(request, res);
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://localhost:${(server.address() as AddressInfo).port}`;
  const client = pki.agencies[0].client;
  return {
    requests,
    cli: (argv, env = {}) =>
      runCliCaptured(argv, {
        DOCAXIS_URL: url,
        DOCAXIS_CERT: client.certPath,
        DOCAXIS_KEY: client.keyPath,
        DOCAXIS_CA: pki.server.caBundlePath,
        ...env,
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Answers `body` as JSON with `status`. */
export function answerJson(response: ServerResponse, body: unknown, status = 200): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(body));
}
