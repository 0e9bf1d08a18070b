import { randomUUID } from 'node:crypto';
import { request } from 'node:https';
import type { CliLanguage } from '../cli-language';
import { API_MESSAGES, type ApiMessages } from './api-messages';
import type { AxisConnection } from './axis-connection';
import { AxisApiError, AxisUnreachableError } from './axis-api-error';

export interface AxisResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface MultipartPart {
  name: string;
  fileName?: string;
  contentType: string;
  content: Buffer;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  json?: unknown;
  multipart?: readonly MultipartPart[];
  /** Called as the request body is written: bytes sent so far and in all. */
  onUpload?: (sent: number, total: number) => void;
}

const CHUNK = 64 * 1024;

/**
 * The gateway's HTTP API over mutual TLS, for the CLI. Answers 2xx as they are; any other
 * status becomes an AxisApiError with the stable code of the error body. Every request asks for
 * the CLI's `--lang` (Accept-Language), so the refusals it prints are worded in that language.
 */
export class AxisApiClient {
  private readonly messages: ApiMessages;

  constructor(
    private readonly connection: AxisConnection,
    private readonly language: CliLanguage,
  ) {
    this.messages = API_MESSAGES[language];
  }

  async call(method: string, path: string, options: RequestOptions = {}): Promise<AxisResponse> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-language': this.language,
      ...options.headers,
    };
    let body: Buffer | undefined;
    if (options.multipart) {
      const boundary = `docaxis-${randomUUID()}`;
      body = encodeMultipart(options.multipart, boundary);
      headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    } else if (options.json !== undefined) {
      body = Buffer.from(JSON.stringify(options.json));
      headers['content-type'] = 'application/json';
    }
    if (body) headers['content-length'] = String(body.length);
    const response = await this.send(method, path, headers, body, options.onUpload);
    if (response.status >= 200 && response.status < 300) return response;
    throw toApiError(response, this.messages);
  }

  async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.call(method, path, options);
    return JSON.parse(response.body.toString('utf8')) as T;
  }

  private send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: Buffer | undefined,
    onUpload?: (sent: number, total: number) => void,
  ): Promise<AxisResponse> {
    const { url, cert, key, ca } = this.connection;
    const unreachable = (error: Error) =>
      new AxisUnreachableError(this.messages.unreachable(url, error.message));
    return new Promise((resolve, reject) => {
      const req = request(
        `${url}/api/v1${path}`,
        { method, headers, cert, key, ca, timeout: 120_000 },
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
          res.on('error', (error) => reject(unreachable(error)));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error) => reject(unreachable(error)));
      if (!body) {
        req.end();
        return;
      }
      // Written in chunks so a progress bar can follow large uploads.
      let offset = 0;
      const writeNext = () => {
        while (offset < body.length) {
          const chunk = body.subarray(offset, offset + CHUNK);
          offset += chunk.length;
          const more = req.write(chunk);
          onUpload?.(offset, body.length);
          if (!more) {
            req.once('drain', writeNext);
            return;
          }
        }
        req.end();
      };
      writeNext();
    });
  }
}

function toApiError(response: AxisResponse, messages: ApiMessages): AxisApiError {
  try {
    const parsed = JSON.parse(response.body.toString('utf8')) as {
      error?: { code?: string; message?: string; details?: unknown; errorId?: string };
    };
    if (parsed.error?.code) {
      const suffix = parsed.error.errorId ? messages.errorId(parsed.error.errorId) : '';
      return new AxisApiError(
        response.status,
        parsed.error.code,
        `${parsed.error.message ?? ''}${suffix}`,
        parsed.error.details,
      );
    }
  } catch {
    // not an error body: reported by status below
  }
  return new AxisApiError(response.status, `HTTP_${response.status}`, messages.unexpectedAnswer);
}

function encodeMultipart(parts: readonly MultipartPart[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const fileName = part.fileName
      ? `; filename="${part.fileName.replace(/["\r\n]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(part.fileName)}`
      : '';
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${fileName}\r\n` +
          `Content-Type: ${part.contentType}\r\n\r\n`,
      ),
      part.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
