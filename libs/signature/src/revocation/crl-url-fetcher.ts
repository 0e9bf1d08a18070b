import type { DistinguishedName } from '@docaxis/signature/trust/distinguished-name';
import type { ParsedCrl } from './certificate-revocation-list';

/**
 * Fetches the CRLs of `issuer` published at given URLs: the delta CRLs a complete CRL's
 * freshestCRL extension names (RFC 5280 §5.2.6). Only an online source can (HttpCrlSource); as
 * with any CrlSource, the checker verifies whatever it returns. Throws when no URL answered.
 */
export interface CrlUrlFetcher {
  crlsAt(urls: readonly string[], issuer: DistinguishedName): Promise<readonly ParsedCrl[]>;
}
