import { resolve } from 'node:path';
import { z } from 'zod';
import { commaSeparatedPathList } from '@docaxis/config/comma-separated-list';
import { ipNetworkList } from '@docaxis/config/ip-network-list';
import { loadConfig } from '@docaxis/config/load-config';
import {
  amqpEnv,
  blobStoreEnv,
  databaseEnv,
  httpEnv,
  loggingEnv,
  managementHttpEnv,
  pkiEnv,
  portNumber,
} from '@docaxis/config/shared-config.schema';
import { axisCertificateEnv } from '@docaxis/audit-trail/checkpoints/axis-certificate.env';
import { tsaTrustEnv } from '@docaxis/audit-trail/checkpoints/tsa-trust.env';
import { certificateProfileEnv } from '@docaxis/signature/verification/certificate-profile.env';
import { webhookDestinationEnv } from '@docaxis/webhooks/destination/webhook-destination.env';
import { webhookSecretKeyEnv } from '@docaxis/webhooks/secrets/webhook-secret-key.env';

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
  ...managementHttpEnv,
  ...certificateProfileEnv,
  ...axisCertificateEnv,
  ...tsaTrustEnv,
  ...webhookDestinationEnv,
  ...webhookSecretKeyEnv,
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(8443),
  /**
   * The gateway's management listener (plain HTTP on MANAGEMENT_HOST): /health/live,
   * /health/ready and /metrics, which the public API port (GATEWAY_PORT) does not serve.
   */
  GATEWAY_MANAGEMENT_PORT: portNumber(9100),
  /** The axis' own certificate and key: it signs the edXML status packets the axis emits. */
  AXIS_SIGNING_CERT_FILE: path('certs/dev/axis/axis-signing.pem'),
  AXIS_SIGNING_KEY_FILE: path('certs/dev/axis/axis-signing.key.pem'),
  /** The gateway's TLS server certificate and key. */
  TLS_CERT_FILE: path('certs/dev/server/gateway.pem'),
  TLS_KEY_FILE: path('certs/dev/server/gateway.key.pem'),
  /** CAs whose client certificates are accepted at the TLS handshake (dedicated root + issuing CAs). */
  TLS_CLIENT_CA_FILE: path('certs/dev/server/ca-bundle.pem'),
  /** CRLs checked at the handshake, comma-separated PEM files (empty: no CRL check at TLS level). */
  TLS_CRL_FILES: commaSeparatedPathList(
    'certs/dev/crl/root-ca.crl.pem,certs/dev/crl/issuing-ca.crl.pem',
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
  /** Longest `wait` (seconds) a GET /inbox long-poll may ask for. */
  INBOX_WAIT_MAX_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /**
   * How often a waiting long-poll looks in PostgreSQL for something new while deliveries cannot
   * be heard (the gateway's LISTEN connection is down or not yet up).
   */
  INBOX_WAIT_POLL_MS: z.coerce.number().int().min(50).max(10_000).default(250),
  /**
   * While deliveries are heard (each one wakes its agency's long-polls), how often a waiting
   * long-poll looks anyway, in case a wake-up went astray.
   */
  INBOX_WAIT_SAFETY_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
  /**
   * After the LISTEN connection that wakes long-polls is lost, the first wait before connecting
   * again; it doubles per failed attempt up to INBOX_LISTENER_RECONNECT_MAX_MS (each wait is a
   * random one between half and all of that), and starts over once listening again.
   */
  INBOX_LISTENER_RECONNECT_INITIAL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  /** The longest wait between two attempts to listen again (long-polls poll meanwhile). */
  INBOX_LISTENER_RECONNECT_MAX_MS: z.coerce.number().int().min(10).max(600_000).default(30_000),
  /** Most dispatch ids one POST /inbox/ack may acknowledge (one transaction holds their rows). */
  ACK_BATCH_MAX: z.coerce.number().int().min(1).max(5000).default(500),
  /**
   * Trusted-proxy mode, off when empty: behind a TLS-terminating proxy, the client certificate
   * is read from this header (URL-encoded PEM, as nginx's $ssl_client_escaped_cert), and only on
   * connections from TRUSTED_PROXY_ADDRESSES.
   */
  TRUSTED_PROXY_CERT_HEADER: z
    .string()
    .trim()
    .toLowerCase()
    .default('')
    .refine((v) => v === '' || /^[a-z0-9-]+$/.test(v), 'must be an HTTP header name'),
  /** Comma-separated addresses or CIDR blocks of the proxies (e.g. 10.0.0.5,10.1.0.0/16). */
  TRUSTED_PROXY_ADDRESSES: ipNetworkList(),
  /**
   * How often the TLS certificate, key, client CAs and CRLs are re-read from their files, so a
   * renewed CRL revokes client certificates without a restart (0: never).
   */
  TLS_RELOAD_INTERVAL_MS: z.coerce.number().int().min(0).default(300_000),
  /** Oldest TLS version accepted; TLS 1.2 is allowed with forward-secret AEAD ciphers only. */
  TLS_MIN_VERSION: z.enum(['TLSv1.2', 'TLSv1.3']).default('TLSv1.2'),
  /** Requests per agency per RATE_LIMIT_WINDOW_MS, across all routes (0 turns limiting off). */
  RATE_LIMIT_PER_AGENCY: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  /**
   * Where the per-agency counters live: `postgres` (shared by every gateway instance: one budget
   * per agency however many serve it) or `memory` (each instance its own: with N instances an
   * agency gets up to N budgets; a round trip less per request).
   */
  RATE_LIMIT_STORE: z.enum(['postgres', 'memory']).default('postgres'),
  /**
   * Admission control: while more than this many dispatches await signature verification (state
   * `accepted`), a new submission is refused (503 SUBMISSION_BACKLOG_FULL, Retry-After) if its
   * agency already holds its fair share of them (this ÷ agencies waiting), so a backlog the
   * verifiers cannot drain stops growing and no agency crowds out the others (0 turns it off).
   * ~200 is a few seconds of a small verifier's work.
   */
  ADMISSION_MAX_PENDING_VERIFICATION: z.coerce.number().int().min(0).default(200),
  /** How often each gateway instance counts that backlog (one query, shared by all requests). */
  ADMISSION_SAMPLE_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(250),
  /** The Retry-After (seconds) a refused submission is told to wait. */
  ADMISSION_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(3600).default(1),
});

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

/** Rules across variables, checked after each one is well-formed. */
const gatewayConfigRules = gatewayConfigSchema.superRefine((config, ctx) => {
  if (config.TRUSTED_PROXY_CERT_HEADER && config.TRUSTED_PROXY_ADDRESSES.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['TRUSTED_PROXY_ADDRESSES'],
      message: 'is required when TRUSTED_PROXY_CERT_HEADER is set (which proxies may send it?)',
    });
  }
  if (
    config.GATEWAY_MANAGEMENT_PORT !== 0 &&
    config.GATEWAY_MANAGEMENT_PORT === config.GATEWAY_PORT
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['GATEWAY_MANAGEMENT_PORT'],
      message: 'must differ from GATEWAY_PORT (the management listener is a server of its own)',
    });
  }
  if (config.INBOX_LISTENER_RECONNECT_MAX_MS < config.INBOX_LISTENER_RECONNECT_INITIAL_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['INBOX_LISTENER_RECONNECT_MAX_MS'],
      message: 'must not be below INBOX_LISTENER_RECONNECT_INITIAL_MS',
    });
  }
});

/** Injection token for the gateway's validated configuration. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadConfig('gateway', gatewayConfigRules, env);
}
