import type { MessagingModuleOptions } from './messaging-options';

/** The shared AMQP variables, as every app's config schema parses them (`amqpEnv`). */
export interface AmqpEnvConfig {
  AMQP_URL: string;
  AMQP_PREFIX: string;
  AMQP_PREFETCH: number;
  AMQP_RETRY_DELAYS_MS: number[];
  AMQP_PUBLISH_TIMEOUT_MS: number;
  OUTBOX_LEASE_MS: number;
}

/** MessagingModule options from the shared AMQP variables; the app adds its name and extras. */
export function messagingOptionsFromEnv(
  config: AmqpEnvConfig,
  appName: string,
): MessagingModuleOptions {
  return {
    url: config.AMQP_URL,
    prefix: config.AMQP_PREFIX,
    prefetch: config.AMQP_PREFETCH,
    retryDelaysMs: config.AMQP_RETRY_DELAYS_MS,
    publishTimeoutMs: config.AMQP_PUBLISH_TIMEOUT_MS,
    relay: { leaseMs: config.OUTBOX_LEASE_MS },
    appName,
  };
}
