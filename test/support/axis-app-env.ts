import { join } from 'node:path';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { ensureDevWebhookSecretKeyFile } from '@docaxis/webhooks/secrets/webhook-secret-key-file';
import { DEV_WEBHOOK_ALLOWED_PRIVATE_NETWORKS } from '@docaxis/webhooks/destination/webhook-destination.env';

export interface AxisAppEnvOptions {
  pki: DevPki;
  databaseUrl: string;
  amqpUrl: string;
  amqpPrefix: string;
  blobDir: string;
  logLevel: string;
  /** 0 picks a free port. */
  gatewayPort: number;
}

/**
 * The environment every docaxis app needs to run against a given database, AMQP prefix and
 * TEST PKI: one place for the test harness and the benchmark, so both start the apps the same way.
 */
export function axisAppEnv(options: AxisAppEnvOptions): NodeJS.ProcessEnv {
  const { pki } = options;
  return {
    DATABASE_URL: options.databaseUrl,
    DATABASE_MIGRATE_ON_START: 'false',
    AMQP_URL: options.amqpUrl,
    AMQP_PREFIX: options.amqpPrefix,
    BLOB_DIR: options.blobDir,
    TRUST_ANCHORS_DIR: pki.trustDir,
    TRUST_INTERMEDIATES_DIR: pki.intermediatesDir,
    CRL_DIR: pki.crlDir,
    TLS_CERT_FILE: pki.server.certPath,
    TLS_KEY_FILE: pki.server.keyPath,
    TLS_CLIENT_CA_FILE: pki.server.caBundlePath,
    TLS_CRL_FILES: `${pki.crl('root-ca').pemPath},${pki.crl('issuing-ca').pemPath}`,
    LOG_LEVEL: options.logLevel,
    GATEWAY_PORT: String(options.gatewayPort),
    GATEWAY_MANAGEMENT_PORT: '0',
    AXIS_SIGNING_CERT_FILE: pki.axis.certPath,
    AXIS_SIGNING_KEY_FILE: pki.axis.keyPath,
    AUDIT_HTTP_PORT: '0',
    VERIFIER_HTTP_PORT: '0',
    ROUTER_HTTP_PORT: '0',
    NOTIFIER_HTTP_PORT: '0',
    // Webhook receivers in tests serve the TEST PKI's server certificate.
    WEBHOOK_CA_FILE: pki.server.caBundlePath,
    // ... on this machine: the only private addresses webhooks may reach in tests.
    WEBHOOK_ALLOWED_PRIVATE_NETWORKS: DEV_WEBHOOK_ALLOWED_PRIVATE_NETWORKS,
    // A TEST key beside the TEST PKI, created by whichever process needs it first.
    WEBHOOK_SECRET_KEY_FILE: ensureDevWebhookSecretKeyFile(
      join(pki.dir, 'webhooks', 'webhook-secret-key.TEST.b64'),
    ),
  };
}
