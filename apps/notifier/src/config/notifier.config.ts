import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { loadConfig } from '@docaxis/config/load-config';
import {
  amqpEnv,
  databaseEnv,
  managementHttpEnv,
  loggingEnv,
  portNumber,
} from '@docaxis/config/shared-config.schema';
import { webhookDestinationEnv } from '@docaxis/webhooks/destination/webhook-destination.env';
import { webhookSecretKeyEnv } from '@docaxis/webhooks/secrets/webhook-secret-key.env';

export const notifierConfigSchema = z
  .object({
    ...databaseEnv,
    ...amqpEnv,
    ...loggingEnv,
    ...managementHttpEnv,
    ...webhookDestinationEnv,
    ...webhookSecretKeyEnv,
    /** Port of the notifier's health (/health/live, /health/ready) and /metrics HTTP server. */
    NOTIFIER_HTTP_PORT: portNumber(9104),
    /** How often a sender looks for due notifications when nothing woke it up. */
    WEBHOOK_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    /** Notifications one sender claims (and POSTs concurrently) at a time. */
    WEBHOOK_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(20),
    /** A POST with no complete answer in this time counts as failed. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** How long a claimed notification stays with its sender; after a crash another takes it. */
    WEBHOOK_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
    /** First retry delay; it doubles per failed attempt up to WEBHOOK_RETRY_MAX_MS. */
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
    /** Longest delay between two attempts; a notification is retried at this pace until taken. */
    WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(3_600_000),
    /**
     * A webhook whose every attempt has failed for this many hours is deactivated
     * (FAILING_PERSISTENTLY) until the agency reactivates it; any success starts the count
     * again. 72, as Stripe retries an event for up to 3 days; 0 never deactivates.
     */
    WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS: z.coerce.number().min(0).max(8760).default(72),
    /**
     * Extra CA certificates (PEM file) trusted for receivers' HTTPS, besides the system's; for
     * receivers with a private CA, and the TEST PKI in development.
     */
    WEBHOOK_CA_FILE: z
      .string()
      .optional()
      .transform((path) => (path ? resolve(path) : undefined)),
  })
  .refine((config) => config.WEBHOOK_LEASE_MS >= 2 * config.WEBHOOK_TIMEOUT_MS, {
    message: 'WEBHOOK_LEASE_MS must be at least twice WEBHOOK_TIMEOUT_MS',
    path: ['WEBHOOK_LEASE_MS'],
  })
  .refine((config) => config.WEBHOOK_RETRY_MAX_MS >= config.WEBHOOK_RETRY_BASE_MS, {
    message: 'WEBHOOK_RETRY_MAX_MS must not be below WEBHOOK_RETRY_BASE_MS',
    path: ['WEBHOOK_RETRY_MAX_MS'],
  });

export type NotifierConfig = z.output<typeof notifierConfigSchema>;

export const NOTIFIER_CONFIG = Symbol('NOTIFIER_CONFIG');

export function loadNotifierConfig(env: NodeJS.ProcessEnv = process.env): NotifierConfig {
  const config = loadConfig('notifier', notifierConfigSchema, env);
  // Read once at start-up, so a missing file stops the app rather than every POST failing.
  if (config.WEBHOOK_CA_FILE) readFileSync(config.WEBHOOK_CA_FILE);
  return config;
}
