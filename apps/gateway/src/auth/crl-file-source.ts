import { readFileSync } from 'node:fs';
import {
  parseCrl,
  type ParsedCrl,
} from '@docaxis/signature/revocation/certificate-revocation-list';
import type { CrlSource } from '@docaxis/signature/revocation/crl-source';
import { derBlobsOf } from '@docaxis/signature/trust/certificate-file-reader';
import type { DistinguishedName } from '@docaxis/signature/trust/distinguished-name';

/**
 * The CRL files the TLS handshake checks (TLS_CRL_FILES), for checks made outside it. `reload()`
 * re-reads them; a file that cannot be read or parsed keeps the previous set in force.
 */
export class CrlFileSource implements CrlSource {
  private byIssuer = new Map<string, ParsedCrl[]>();

  constructor(private readonly files: readonly string[]) {
    this.reload();
  }

  reload(): void {
    const byIssuer = new Map<string, ParsedCrl[]>();
    for (const file of this.files) {
      for (const der of derBlobsOf(readFileSync(file), ['X509 CRL'])) {
        const crl = parseCrl(der);
        const key = crl.issuer.matchKey;
        byIssuer.set(key, [...(byIssuer.get(key) ?? []), crl]);
      }
    }
    this.byIssuer = byIssuer;
  }

  crlsFor(issuer: DistinguishedName): Promise<readonly ParsedCrl[]> {
    return Promise.resolve(this.byIssuer.get(issuer.matchKey) ?? []);
  }
}
