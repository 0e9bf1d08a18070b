import { Inject, Injectable } from '@nestjs/common';
import {
  AgencyCertificateRepository,
  normalizeFingerprint,
  type RegisteredCredential,
} from '@docaxis/persistence/agency/agency-certificate.repository';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';

interface Entry {
  value: Promise<RegisteredCredential | null>;
  expiresAt: number;
}

/**
 * Registered certificates by fingerprint, cached for AUTH_CACHE_TTL_MS so each request does not
 * read the directory. Misses are cached too (an unknown certificate hammering the gateway costs
 * no query). A change made through this instance's admin API invalidates at once; other gateway
 * instances see it when their entry expires, so the TTL bounds how long a suspension or a
 * retirement takes to reach every instance.
 */
@Injectable()
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly certificates: AgencyCertificateRepository,
    @Inject(GATEWAY_CONFIG) config: Pick<GatewayConfig, 'AUTH_CACHE_TTL_MS'>,
  ) {
    this.ttlMs = config.AUTH_CACHE_TTL_MS;
    // Bounded so a stream of distinct unknown certificates cannot grow memory without limit.
    this.maxEntries = 10_000;
  }

  async lookup(fingerprint: string): Promise<RegisteredCredential | null> {
    const key = normalizeFingerprint(fingerprint);
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > now) return cached.value;
    const value = this.certificates.findCredential(key);
    if (this.ttlMs > 0) {
      if (this.entries.size >= this.maxEntries) this.evictExpiredOrOldest(now);
      this.entries.set(key, { value, expiresAt: now + this.ttlMs });
      // A failed read must not be served from the cache.
      value.catch(() => this.entries.delete(key));
    }
    return value;
  }

  /** Forgets everything: called after any directory change (agency or certificate). */
  invalidateAll(): void {
    this.entries.clear();
  }

  private evictExpiredOrOldest(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
