import { derBlobsOf } from '@docaxis/signature/trust/certificate-file-reader';
import type { DistinguishedName } from '@docaxis/signature/trust/distinguished-name';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';
import { UnavailableError } from '@docaxis/errors/domain-error-kinds';
import { parseCrl, type ParsedCrl } from './certificate-revocation-list';
import type { CrlSource } from './crl-source';
import type { CrlUrlFetcher } from './crl-url-fetcher';

export interface HttpCrlSourceOptions {
  /** Per request; a CRL endpoint that hangs must not hang verification. */
  timeoutMs?: number;
  /** Largest CRL accepted, in bytes. */
  maxBytes?: number;
  /** Refetch a cached CRL this long before its nextUpdate (and at least this often without one). */
  refreshMarginMs?: number;
  /**
   * Refetch a cached CRL at least this often, however far its nextUpdate: a CA that revokes a
   * certificate urgently publishes a new CRL before the old one's nextUpdate, and the axis must
   * see it within this time. While a refetch fails, the cached CRL keeps answering (the checker
   * still refuses it once past its nextUpdate). 15 minutes by default.
   */
  maxCacheAgeMs?: number;
  /** After a failed fetch, do not ask the same URL again for this long. */
  failureBackoffMs?: number;
  /** Injected for tests; the global fetch by default. */
  fetch?: typeof fetch;
  now?: () => Date;
}

interface CacheEntry {
  crls: readonly ParsedCrl[];
  refreshAt: number;
}

/**
 * CRLs fetched from the http(s) CRL distribution points of the certificate being checked, and the
 * delta CRLs a complete CRL's freshestCRL names (as a CrlUrlFetcher), kept in memory until
 * shortly before their nextUpdate, and refetched at least every `maxCacheAgeMs`. Concurrent checks share one request per URL. Only certificates
 * of an already proven path reach a revocation source, so the distribution points fetched are
 * those a trusted CA wrote; the checker asks for freshestCRL URLs only of a complete CRL whose
 * signature it verified, and verifies every CRL's signature itself.
 */
export class HttpCrlSource implements CrlSource, CrlUrlFetcher {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, Promise<readonly ParsedCrl[]>>();
  private readonly failures = new Map<string, { until: number; error: string }>();
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly refreshMarginMs: number;
  private readonly maxCacheAgeMs: number;
  private readonly failureBackoffMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => Date;

  constructor(options: HttpCrlSourceOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
    this.refreshMarginMs = options.refreshMarginMs ?? 60 * 60 * 1000;
    this.maxCacheAgeMs = options.maxCacheAgeMs ?? 15 * 60 * 1000;
    this.failureBackoffMs = options.failureBackoffMs ?? 60 * 1000;
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? (() => new Date());
  }

  crlsFor(
    issuer: DistinguishedName,
    certificate: ParsedCertificate,
  ): Promise<readonly ParsedCrl[]> {
    return this.crlsAt(certificate.crlDistributionUris, issuer);
  }

  async crlsAt(urls: readonly string[], issuer: DistinguishedName): Promise<readonly ParsedCrl[]> {
    const httpUrls = urls.filter((uri) => /^https?:\/\//i.test(uri));
    if (httpUrls.length === 0) return [];
    const found: ParsedCrl[] = [];
    const errors: string[] = [];
    for (const url of httpUrls) {
      try {
        found.push(
          ...(await this.crlsAtUrl(url)).filter((crl) => crl.issuer.matchKey === issuer.matchKey),
        );
      } catch (error) {
        errors.push(`${url}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (found.length === 0 && errors.length > 0) {
      throw new UnavailableError(
        'CRL_FETCH_FAILED',
        `no CRL could be fetched (${errors.join('; ')})`,
      );
    }
    return found;
  }

  private async crlsAtUrl(url: string): Promise<readonly ParsedCrl[]> {
    const now = this.now().getTime();
    const cached = this.cache.get(url);
    if (cached && now < cached.refreshAt) return cached.crls;
    const failure = this.failures.get(url);
    if (failure && now < failure.until) {
      if (cached) return cached.crls; // stale but maybe still current: the checker judges freshness
      throw new UnavailableError('CRL_FETCH_FAILED', `recently failed: ${failure.error}`);
    }
    let request = this.inFlight.get(url);
    if (!request) {
      request = this.fetchAndCache(url, now).finally(() => this.inFlight.delete(url));
      this.inFlight.set(url, request);
    }
    try {
      return await request;
    } catch (error) {
      if (cached) return cached.crls;
      throw error;
    }
  }

  private async fetchAndCache(url: string, now: number): Promise<readonly ParsedCrl[]> {
    try {
      const crls = await this.download(url);
      const nextUpdates = crls
        .map((crl) => crl.nextUpdate?.getTime())
        .filter((t): t is number => t !== undefined);
      const refreshAt =
        nextUpdates.length > 0
          ? Math.min(...nextUpdates) - this.refreshMarginMs
          : now + this.refreshMarginMs;
      this.cache.set(url, {
        crls,
        refreshAt: Math.max(
          Math.min(refreshAt, now + this.maxCacheAgeMs),
          now + this.failureBackoffMs,
        ),
      });
      this.failures.delete(url);
      return crls;
    } catch (error) {
      this.failures.set(url, {
        until: now + this.failureBackoffMs,
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }

  private async download(url: string): Promise<ParsedCrl[]> {
    const response = await this.fetchImpl(url, {
      signal: AbortSignal.timeout(this.timeoutMs),
      redirect: 'error',
    });
    if (!response.ok) throw new UnavailableError('CRL_FETCH_FAILED', `HTTP ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > this.maxBytes)
      throw new UnavailableError('CRL_FETCH_FAILED', `CRL of ${declared} bytes is too large`);
    const body = await this.readLimited(response);
    return derBlobsOf(body, ['X509 CRL']).map((der) => parseCrl(der));
  }

  private async readLimited(response: Response): Promise<Buffer> {
    if (!response.body) return Buffer.alloc(0);
    const chunks: Buffer[] = [];
    let total = 0;
    // Node's web ReadableStream is async-iterable; the DOM typings just do not say so.
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > this.maxBytes) {
        throw new UnavailableError('CRL_FETCH_FAILED', `CRL larger than ${this.maxBytes} bytes`);
      }
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  }
}
