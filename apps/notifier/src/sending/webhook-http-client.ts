import { Inject, Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * What came back: the status (null when none came: refused, timed out, TLS) and, unless it was
 * 2xx, what went wrong. Only a 2xx means the receiver took the notification.
 */
export interface WebhookAnswer {
  readonly statusCode: number | null;
  readonly error: string | null;
}

/** Length of the receiver's answer kept in the attempt's error, enough to tell what went wrong. */
const KEPT_ANSWER_CHARS = 300;

/**
 * POSTs over HTTPS only (URLs are checked at registration, and again here), trusting the
 * system's CAs plus WEBHOOK_CA_FILE. Never throws: every outcome is an answer to record.
 */
@Injectable()
export class WebhookHttpClient {
  private readonly ca: string[];

  constructor(@Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig) {
    const extra = config.WEBHOOK_CA_FILE ? [readFileSync(config.WEBHOOK_CA_FILE, 'utf8')] : [];
    this.ca = [...rootCertificates, ...extra];
  }

  post(post: WebhookPost): Promise<WebhookAnswer> {
    let url: URL;
    try {
      url = new URL(post.url);
    } catch {
      return Promise.resolve({ statusCode: null, error: 'the webhook URL is not a URL' });
    }
    if (url.protocol !== 'https:') {
      return Promise.resolve({ statusCode: null, error: 'the webhook URL is not https' });
    }
    return new Promise((resolve) => {
      const body = Buffer.from(post.body, 'utf8');
      const req = httpsRequest(
        url,
        {
          method: 'POST',
          ca: this.ca,
          timeout: this.config.WEBHOOK_TIMEOUT_MS,
          headers: {
            ...post.headers,
            'content-type': 'application/json; charset=utf-8',
            'content-length': String(body.length),
            'user-agent': 'docaxis-notifier',
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let kept = 0;
          res.on('data', (chunk: Buffer) => {
            if (kept < KEPT_ANSWER_CHARS) chunks.push(chunk);
            kept += chunk.length;
          });
          res.on('end', () => {
            const statusCode = res.statusCode ?? 0;
            if (statusCode >= 200 && statusCode < 300) {
              resolve({ statusCode, error: null });
              return;
            }
            const text = Buffer.concat(chunks).toString('utf8').slice(0, KEPT_ANSWER_CHARS);
            resolve({ statusCode, error: `HTTP ${statusCode}${text ? `: ${text}` : ''}` });
          });
          res.on('error', (error) => resolve({ statusCode: null, error: error.message }));
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`no answer in ${this.config.WEBHOOK_TIMEOUT_MS} ms`)),
      );
      req.on('error', (error) => resolve({ statusCode: null, error: error.message }));
      req.end(body);
    });
  }
}
