import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { UnavailableError } from '@docaxis/errors/domain-error-kinds';

/** Sends a DER OCSPRequest to a responder and resolves to the DER OCSPResponse. */
export type OcspTransport = (
  url: string,
  request: Buffer,
  limits: { timeoutMs: number; maxBytes: number },
) => Promise<Buffer>;

/**
 * HTTP POST (RFC 6960 appendix A.1) on a fresh connection that is closed after the answer: simple
 * responders, openssl's among them, serve one connection at a time and would wait on an idle
 * kept-alive socket. Redirects are not followed.
 */
export const postOcspRequest: OcspTransport = (url, body, { timeoutMs, maxBytes }) =>
  new Promise<Buffer>((resolve, reject) => {
    const send = url.toLowerCase().startsWith('https:') ? httpsRequest : httpRequest;
    const request = send(
      url,
      {
        method: 'POST',
        agent: false,
        timeout: timeoutMs,
        headers: {
          'Content-Type': 'application/ocsp-request',
          Accept: 'application/ocsp-response',
          'Content-Length': body.length,
          Connection: 'close',
        },
      },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new UnavailableError('OCSP_HTTP_ERROR', `HTTP ${response.statusCode}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            request.destroy(
              new UnavailableError('OCSP_RESPONSE_TOO_LARGE', `response over ${maxBytes} bytes`),
            );
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve(Buffer.concat(chunks)));
        response.on('error', reject);
      },
    );
    request.on('timeout', () =>
      request.destroy(new UnavailableError('OCSP_TIMEOUT', `no answer within ${timeoutMs} ms`)),
    );
    request.on('error', reject);
    request.end(body);
  });
