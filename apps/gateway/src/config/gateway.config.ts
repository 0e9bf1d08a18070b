import { resolve } from 'node:path';
import { z } from 'zod';
import { loadConfig } from '@docaxis/config/load-config';
import {
  amqpEnv,
  blobStoreEnv,
  databaseEnv,
  httpEnv,
  loggingEnv,
  pkiEnv,
} from '@docaxis/config/shared-config.schema';
import { certificateProfileEnv } from '@docaxis/signature/verification/certificate-profile.env';

const path = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((p) => resolve(p));

export const gatewayConfigSchema = z.object({
  ...databaseEnv,
  ...amqpEnv,
  ...pkiEnv,
  ...blobStoreEnv,
  ...loggingEnv,
  ...httpEnv,
  ...certificateProfileEnv,
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(8443),
  /** The gateway's TLS server certificate and key. */
  TLS_CERT_FILE: path('certs/dev/server/gateway.pem'),
  TLS_KEY_FILE: path('certs/dev/server/gateway.key.pem'),
  /** CAs whose client certificates are accepted at the TLS handshake (dedicated root + issuing CAs). */
  TLS_CLIENT_CA_FILE: path('certs/dev/server/ca-bundle.pem'),
  /** CRLs checked at the handshake, comma-separated PEM files (empty: no CRL check at TLS level). */
  TLS_CRL_FILES: z
    .string()
    .default('certs/dev/crl/root-ca.crl.pem,certs/dev/crl/issuing-ca.crl.pem')
    .transform((v) =>
      v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => resolve(p)),
    ),
  MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
  MAX_FILES_PER_DISPATCH: z.coerce.number().int().min(1).max(100).default(20),
  MAX_ENVELOPE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  /**
   * How long a gateway instance trusts what it read about a client certificate (registration,
   * roles, agency status). Changes made through another instance reach this one within it.
   */
  AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** The built web console (npm run build:console), served under /console. */
  CONSOLE_DIR: path('dist/console'),
  INBOX_PAGE_LIMIT_MAX: z.coerce.number().int().min(1).max(1000).default(200),
});

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

/** Injection token for the gateway's validated configuration. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadConfig('gateway', gatewayConfigSchema, env);
}
