import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'node:https';
import { BenchFailureError } from '../support/bench-failure.error';

export interface GatewayCredential {
  certPem: string;
  keyPem: string;
}

export interface GatewayResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request that got no answer (connection refused or reset), as a status-0 response. */
export function unanswered(error: Error): GatewayResponse {
  return { status: 0, headers: {}, body: Buffer.from(error.message) };
}

/**
 * How long a 503 asks the caller to wait (its Retry-After, whole seconds, in ms) before sending
 * the same request again; undefined when the answer is not such a refusal.
 */
export function retryAfterMsOf(response: GatewayResponse): number | undefined {
  if (response.status !== 503) return undefined;
  const seconds = Number(response.headers['retry-after']);
  return Number.isInteger(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/**
 * A gateway client for one agency's document system: mutual TLS with its client certificate over
 * a keep-alive connection pool, the way an integrator's system would call the axis. Built on
 * node:https so the load generator itself stays cheap next to the apps it measures.
 */
export class GatewayClient {
  private readonly agent: Agent;

  constructor(
    private readonly baseUrl: string,
    caPem: string,
    credential: GatewayCredential,
    maxSockets: number,
  ) {
    this.agent = new Agent({
      keepAlive: true,
      maxSockets,
      ca: caPem,
      cert: credential.certPem,
      key: credential.keyPem,
    });
  }

  get(path: string): Promise<GatewayResponse> {
    return this.send('GET', path, {}, undefined);
  }

  post(
    path: string,
    headers: Record<string, string> = {},
    body?: Buffer,
  ): Promise<GatewayResponse> {
    return this.send('POST', path, headers, body);
  }

  /** Like post/get, but anything other than `expected` is a benchmark failure. */
  async expect(
    expected: number,
    method: 'GET' | 'POST',
    path: string,
    headers: Record<string, string> = {},
    body?: Buffer,
  ): Promise<GatewayResponse> {
    const response = await this.send(method, path, headers, body);
    if (response.status !== expected) {
      throw new BenchFailureError(
        'BENCH_REQUEST_FAILED',
        `${method} ${path} answered ${response.status} (expected ${expected}): ${response.body.toString('utf8').slice(0, 500)}`,
      );
    }
    return response;
  }

  close(): void {
    this.agent.destroy();
  }

  private async send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: Buffer | undefined,
  ): Promise<GatewayResponse> {
    try {
      return await this.sendOnce(method, path, headers, body);
    } catch (error) {
      // A kept-alive connection the server closed as we reused it: the request never reached the
      // app, so sending it again is safe (POST /dispatches also carries an Idempotency-Key).
      if ((error as { reusedSocket?: boolean }).reusedSocket) {
        return this.sendOnce(method, path, headers, body);
      }
      throw error;
    }
  }

  private sendOnce(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: Buffer | undefined,
  ): Promise<GatewayResponse> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.baseUrl}/api/v1${path}`,
        {
          method,
          agent: this.agent,
          headers: body ? { ...headers, 'content-length': String(body.length) } : headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
      req.end(body);
    });
  }
}
