import type { DistinguishedName } from '@docaxis/signature/trust/distinguished-name';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';
import type { ParsedCrl } from './certificate-revocation-list';

/**
 * Where CRLs come from: a local folder, the certificate's HTTP distribution points, ... The
 * checker verifies whatever a source returns (signature, scope, freshness): sources only fetch.
 */
export interface CrlSource {
  crlsFor(issuer: DistinguishedName, certificate: ParsedCertificate): Promise<readonly ParsedCrl[]>;
}
