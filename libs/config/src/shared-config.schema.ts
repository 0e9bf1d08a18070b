import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Environment variables shared by several apps, each with a default that works on a developer
 * machine where RabbitMQ and PostgreSQL run locally (see README). Apps compose these into their
 * own schema so each app validates exactly what it uses.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

export const databaseEnv = {
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/docaxis'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Apply pending migrations at start-up (under an advisory lock, so instances may race safely). */
  DATABASE_MIGRATE_ON_START: booleanFlag.default(true),
};

export const amqpEnv = {
  AMQP_URL: z
    .string()
    .regex(/^amqps?:\/\//, 'must be an amqp:// or amqps:// URL')
    .default('amqp://guest:guest@127.0.0.1:5672'),
  /** Every exchange and queue name starts with this, so environments can share a vhost. */
  AMQP_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'lower-case letters, digits, ".", "_" or "-"')
    .default('docaxis'),
  AMQP_PREFETCH: z.coerce.number().int().min(1).max(10000).default(200),
  /**
   * Delays before each retry of a message whose handler failed, comma-separated milliseconds;
   * a message is tried once more than there are delays, then parked.
   */
  AMQP_RETRY_DELAYS_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds, e.g. 1000,5000,30000,120000')
    .default('1000,5000,30000,120000')
    .transform((list) => list.split(',').map(Number)),
  /** A publish the broker has not confirmed in this time fails (and is retried). */
  AMQP_PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /**
   * How long an outbox row claimed by a relay stays invisible to the others: after a crash, its
   * rows are published by another instance once this has passed. At least twice the publish
   * time-out.
   */
  OUTBOX_LEASE_MS: z.coerce.number().int().min(200).max(3_600_000).default(30_000),
};

export const pkiEnv = {
  /** Trust anchors (the dedicated root CA) and intermediates, PEM or DER files. */
  TRUST_ANCHORS_DIR: z
    .string()
    .default('certs/dev/trust')
    .transform((p) => resolve(p)),
  TRUST_INTERMEDIATES_DIR: z
    .string()
    .default('certs/dev/trust/intermediates')
    .transform((p) => resolve(p)),
  /** CRLs for closed networks (DER or PEM). */
  CRL_DIR: z
    .string()
    .default('certs/dev/crl')
    .transform((p) => resolve(p)),
  /**
   * Also ask the network for revocation: OCSP responders (authorityInfoAccess) first, then CRL
   * distribution points over HTTP after CRL_DIR. `false` for closed networks: CRL_DIR only.
   */
  REVOCATION_ONLINE: booleanFlag.default(true),
  /** Subject attribute (OID) that carries the agency code in the dedicated CA's certificates. */
  AGENCY_CODE_SUBJECT_OID: z
    .string()
    .regex(/^\d+(\.\d+)+$/)
    .default('2.5.4.11'),
};

export const blobStoreEnv = {
  /** Content-addressed store of PDF bytes; must be shared storage when apps run on several hosts. */
  BLOB_DIR: z
    .string()
    .default('var/blobs')
    .transform((p) => resolve(p)),
};

export const loggingEnv = {
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: booleanFlag.default(false),
  /** Append the JSON log lines to this file instead of stdout (empty: stdout, the default). */
  LOG_FILE: z
    .string()
    .default('')
    .transform((p) => (p ? resolve(p) : undefined)),
};

export const httpEnv = {
  /** Interface the gateway's public API (mutual TLS) binds to. */
  HOST: z.string().default('127.0.0.1'),
};

export const managementHttpEnv = {
  /**
   * Interface every app's management listener (plain HTTP: /health/*, /metrics) binds to. It is
   * kept apart from HOST so the operational data never shares the agencies' network by default:
   * set it to the operations network's interface (or 0.0.0.0 in a container) for scrapers.
   */
  MANAGEMENT_HOST: z.string().default('127.0.0.1'),
};

/** A TCP port; 0 lets the system pick a free one (tests). */
export const portNumber = (fallback: number) =>
  z.coerce.number().int().min(0).max(65535).default(fallback);

export { booleanFlag };
