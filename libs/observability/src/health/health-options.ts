/** Which dependencies an app's readiness depends on, beyond its database and broker. */
export interface HealthOptions {
  /** The blob store folder (apps that read or write PDF bytes). */
  blobDir?: string;
  /** The CRL folder whose freshness is checked (apps that verify signatures). */
  crlDir?: string;
  databaseTimeoutMs?: number;
}

export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');
