import { readFileSync } from 'node:fs';
import {
  parseCrl,
  type ParsedCrl,
} from '@docaxis/signature/revocation/certificate-revocation-list';
import type { CrlSource } from '@docaxis/signature/revocation/crl-source';
import { derBlobsOf } from '@docaxis/signature/trust/certificate-file-reader';
import type { DistinguishedName } from '@docaxis/signature/trust/distinguished-name';

/** The CRL files the TLS handshake checks (TLS_CRL_FILES), for checks made outside it. */
export class CrlFileSource implements CrlSource {
  private readonly byIssuer = new Map<string, ParsedCrl[]>();

  constructor(files: readonly string[]) {
    for (const file of files) {
      for (const der of derBlobsOf(readFileSync(file), ['X509 CRL'])) {
        const crl = parseCrl(der);
        const key = crl.issuer.matchKey;
        this.byIssuer.set(key, [...(this.byIssuer.get(key) ?? []), crl]);
      }
    }
  }

  crlsFor(issuer: DistinguishedName): Promise<readonly ParsedCrl[]> {
    return Promise.resolve(this.byIssuer.get(issuer.matchKey) ?? []);
  }
}
