import { Inject, Injectable, Optional } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import { WebhookAddressPolicy } from '@docaxis/webhooks/destination/webhook-address-policy';
import {
  checkWebhookDestination,
  type CheckedDestination,
  type HostLookup,
  type RefusedDestination,
  systemHostLookup,
  WEBHOOK_HOST_LOOKUP,
} from '@docaxis/webhooks/destination/webhook-destination';
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
  /** Set when nothing was sent because the destination check refused the host. */
  readonly refusal?: RefusedDestination;
}

/** Length of the receiver's answer kept in the attempt's error, enough to tell what went wrong. */
const KEPT_ANSWER_CHARS = 300;

/**
 * POSTs over HTTPS only (URLs are checked at registration, and again here), trusting the
 * system's CAs plus WEBHOOK_CA_FILE. Never throws: every outcome is an answer to record.
 *
 * Before each POST the host is resolved and every address judged (WebhookAddressPolicy); the
 * socket then goes to the address that was judged and no other, so a name that resolves to a
 * public address for the check and to 127.0.0.1 a moment later (DNS rebinding) cannot turn the
 * notifier against the axis' own network. TLS still verifies the certificate against the URL's
 * host name (the request's host, hence its servername, stays the URL's).
 */
@Injectable()
export class WebhookHttpClient {
  private readonly ca: string[];
  private readonly policy: WebhookAddressPolicy;

  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @Optional() @Inject(WEBHOOK_HOST_LOOKUP) private readonly lookup: HostLookup = systemHostLookup,
  ) {
    const extra = config.WEBHOOK_CA_FILE ? [readFileSync(config.WEBHOOK_CA_FILE, 'utf8')] : [];
    this.ca = [...rootCertificates, ...extra];
    this.policy = new WebhookAddressPolicy(config.WEBHOOK_ALLOWED_PRIVATE_NETWORKS);
  }

  async post(post: WebhookPost): Promise<WebhookAnswer> {
    let url: URL;
    try {
      url = new URL(post.url);
    } catch {
      return { statusCode: null, error: 'the webhook URL is not a URL' };
    }
    if (url.protocol !== 'https:') {
      return { statusCode: null, error: 'the webhook URL is not https' };
    }
    const destination = await checkWebhookDestination(url, this.policy, this.lookup);
    if (!destination.ok) {
      return { statusCode: null, error: `refused: ${destination.message}`, refusal: destination };
    }
    return this.send(url, destination, post);
  }

  private send(
    url: URL,
    destination: CheckedDestination,
    post: WebhookPost,
  ): Promise<WebhookAnswer> {
    return new Promise((resolve) => {
      const body = Buffer.from(post.body, 'utf8');
      const req = httpsRequest(
        url,
        {
          method: 'POST',
          ca: this.ca,
          lookup: pinnedLookup(destination),
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

/** A resolver that answers every question with the checked address: the socket can go nowhere else. */
function pinnedLookup({ address, family }: CheckedDestination): LookupFunction {
  return (_hostname, options, callback) => {
    // net asks for every address (`all`) when it may race IPv4 and IPv6 (autoSelectFamily).
    if (options.all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address, family },
      ]);
    } else {
      callback(null, address, family);
    }
  };
}
