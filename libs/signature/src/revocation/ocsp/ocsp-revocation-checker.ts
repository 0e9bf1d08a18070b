import type {
  RevocationChecker,
  RevocationOutcome,
  RevocationRequest,
} from '@docaxis/signature/revocation/revocation-checker';
import { certIdOf } from './ocsp-cert-id';
import { postOcspRequest, type OcspTransport } from './ocsp-http-transport';
import { buildOcspRequest } from './ocsp-request';
import { parseOcspResponse } from './ocsp-response';
import { judgeOcspResponse } from './ocsp-response-validator';

export interface OcspRevocationCheckerOptions {
  /** Per request; a responder that hangs must not hang verification. */
  timeoutMs?: number;
  /** Largest response accepted, in bytes. */
  maxBytes?: number;
  clockSkewMs?: number;
  /** How long a response without nextUpdate counts as current (and is cached). */
  maxAgeWithoutNextUpdateMs?: number;
  /** After a failed request, do not ask the same responder again for this long. */
  failureBackoffMs?: number;
  /**
   * Ask again at least this often, however far the cached response's nextUpdate (some responders
   * answer for days): a certificate revoked meanwhile must be seen within this time. 15 minutes
   * by default.
   */
  maxCacheAgeMs?: number;
  /** Injected for tests; HTTP POST by default. */
  transport?: OcspTransport;
  /** Wall-clock milliseconds, for the cache's age; injected for tests. */
  now?: () => number;
}

type ConclusiveOutcome = Exclude<RevocationOutcome, { status: 'unknown' }>;

/**
 * Revocation through OCSP (RFC 6960): asks the responders named in the certificate's
 * authorityInfoAccess, over HTTP POST, with a nonce. A response counts only when it verifies
 * (see judgeOcspResponse); anything else is `unknown` with the reason, which the verifier turns
 * into INDETERMINATE unless another source (CRLs) answers. Conclusive answers are cached until
 * their nextUpdate, `maxCacheAgeMs` at most; a responder that failed is left alone for a while.
 */
export class OcspRevocationChecker implements RevocationChecker {
  private readonly cache = new Map<
    string,
    { outcome: ConclusiveOutcome; validUntil: number; cachedAt: number }
  >();
  private readonly failures = new Map<string, { until: number; error: string }>();
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly clockSkewMs: number;
  private readonly maxAgeWithoutNextUpdateMs: number;
  private readonly failureBackoffMs: number;
  private readonly maxCacheAgeMs: number;
  private readonly transport: OcspTransport;
  private readonly wallClock: () => number;

  constructor(options: OcspRevocationCheckerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.clockSkewMs = options.clockSkewMs ?? 5 * 60 * 1000;
    this.maxAgeWithoutNextUpdateMs = options.maxAgeWithoutNextUpdateMs ?? 5 * 60 * 1000;
    this.failureBackoffMs = options.failureBackoffMs ?? 30 * 1000;
    this.maxCacheAgeMs = options.maxCacheAgeMs ?? 15 * 60 * 1000;
    this.transport = options.transport ?? postOcspRequest;
    this.wallClock = options.now ?? Date.now;
  }

  async check(request: RevocationRequest): Promise<RevocationOutcome> {
    const { certificate, issuer, validationTime } = request;
    const urls = certificate.ocspResponderUris.filter((uri) => /^https?:\/\//i.test(uri));
    if (urls.length === 0) {
      return {
        status: 'unknown',
        source: 'none',
        note: 'no OCSP responder in authorityInfoAccess',
      };
    }
    const key = `${issuer.fingerprintSha256}:${certificate.serialNumber}`;
    const cached = this.cache.get(key);
    const now = validationTime.getTime();
    if (
      cached &&
      cached.validUntil > now &&
      cached.outcome.producedAt.getTime() <= now + this.clockSkewMs &&
      this.wallClock() - cached.cachedAt < this.maxCacheAgeMs
    ) {
      return cached.outcome;
    }
    const reasons: string[] = [];
    for (const url of urls) {
      const failure = this.failures.get(url);
      if (failure && failure.until > Date.now()) {
        reasons.push(`${url}: ${failure.error} (not retried yet)`);
        continue;
      }
      try {
        const ocspRequest = buildOcspRequest(certIdOf(certificate, issuer));
        const parsed = parseOcspResponse(
          await this.transport(url, ocspRequest.der, {
            timeoutMs: this.timeoutMs,
            maxBytes: this.maxBytes,
          }),
        );
        if (!('basic' in parsed)) {
          reasons.push(`${url}: the responder answered ${parsed.status}`);
          continue;
        }
        const verdict = judgeOcspResponse(parsed.basic, {
          certificate,
          issuer,
          nonce: ocspRequest.nonce,
          validationTime,
          clockSkewMs: this.clockSkewMs,
          maxAgeWithoutNextUpdateMs: this.maxAgeWithoutNextUpdateMs,
        });
        if (!verdict.ok) {
          reasons.push(`${url}: ${verdict.reason}`);
          continue;
        }
        if (this.cache.size > 10_000) this.cache.clear();
        this.cache.set(key, {
          outcome: verdict.outcome,
          validUntil: verdict.validUntil.getTime(),
          cachedAt: this.wallClock(),
        });
        return verdict.outcome;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.failures.set(url, { until: Date.now() + this.failureBackoffMs, error: message });
        reasons.push(`${url}: ${message}`);
      }
    }
    return { status: 'unknown', source: 'none', note: `OCSP: ${reasons.join('; ')}` };
  }
}
