import {
  parseCrl,
  type ParsedCrl,
} from '@docaxis/signature/revocation/certificate-revocation-list';
import type { CrlSource } from '@docaxis/signature/revocation/crl-source';
import type { DistinguishedName } from '@docaxis/signature/trust/distinguished-name';

/**
 * CRLs handed over explicitly (`--crl FILE`), already read and parsed. The revocation checker
 * still verifies each one's signature, scope and freshness: this source only looks them up.
 */
export class CrlFileSource implements CrlSource {
  private readonly byIssuer = new Map<string, ParsedCrl[]>();

  /** Throws (Asn1DecodingError) when a blob is not a CRL: the caller reports which file. */
  constructor(ders: readonly Buffer[]) {
    for (const der of ders) {
      const crl = parseCrl(der);
      const key = crl.issuer.matchKey;
      this.byIssuer.set(key, [...(this.byIssuer.get(key) ?? []), crl]);
    }
  }

  crlsFor(issuer: DistinguishedName): Promise<readonly ParsedCrl[]> {
    return Promise.resolve(this.byIssuer.get(issuer.matchKey) ?? []);
  }
}
