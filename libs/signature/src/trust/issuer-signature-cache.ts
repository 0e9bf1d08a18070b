import type { ParsedCertificate } from './parsed-certificate';

/**
 * Remembers whether `issuer`'s key verifies `subject`'s signature, per pair of fingerprints: the
 * same few links are proven on every dispatch, and a certificate's signature never changes.
 */
export class IssuerSignatureCache {
  private readonly results = new Map<string, boolean>();

  constructor(private readonly maxEntries = 20_000) {}

  isSignedBy(subject: ParsedCertificate, issuer: ParsedCertificate): boolean {
    const key = `${subject.fingerprintSha256}:${issuer.fingerprintSha256}`;
    const cached = this.results.get(key);
    if (cached !== undefined) return cached;
    let verified: boolean;
    try {
      verified = subject.x509.verify(issuer.publicKey);
    } catch {
      verified = false;
    }
    if (this.results.size >= this.maxEntries) this.results.clear();
    this.results.set(key, verified);
    return verified;
  }
}
