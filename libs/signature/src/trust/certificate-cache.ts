import { parseCertificate, sha256Hex, type ParsedCertificate } from './parsed-certificate';

/**
 * Parses each distinct certificate once. The same few CA and agency certificates arrive in every
 * dispatch, so after warm-up a lookup costs one SHA-256 over about a kilobyte.
 */
export class CertificateCache {
  private readonly byFingerprint = new Map<string, ParsedCertificate>();

  constructor(private readonly maxEntries = 10_000) {}

  parse(der: Buffer): ParsedCertificate {
    const fingerprint = sha256Hex(der);
    const cached = this.byFingerprint.get(fingerprint);
    if (cached) return cached;
    // Copy: `der` is usually a view into a whole CMS blob we do not want to keep alive.
    const parsed = parseCertificate(Buffer.from(der), fingerprint);
    if (this.byFingerprint.size >= this.maxEntries) {
      // Oldest first (Map keeps insertion order): a crude but bounded eviction.
      const oldest = this.byFingerprint.keys().next().value;
      if (oldest !== undefined) this.byFingerprint.delete(oldest);
    }
    this.byFingerprint.set(fingerprint, parsed);
    return parsed;
  }

  get size(): number {
    return this.byFingerprint.size;
  }
}
