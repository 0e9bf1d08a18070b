import { z } from 'zod';
import { loadConfig } from '@docaxis/config/load-config';
import {
  amqpEnv,
  databaseEnv,
  loggingEnv,
  managementHttpEnv,
  portNumber,
} from '@docaxis/config/shared-config.schema';

export const routerConfigSchema = z.object({
  ...databaseEnv,
  ...amqpEnv,
  ...loggingEnv,
  ...managementHttpEnv,
  /** Port of the router's health (/health/live, /health/ready) and /metrics HTTP server. */
  ROUTER_HTTP_PORT: portNumber(9101),
  /** How often the router looks for newly registered agencies whose inbox queues it must consume. */
  ROUTER_AGENCY_REFRESH_MS: z.coerce.number().int().min(1000).default(30_000),
  /**
   * Most delivery messages of one agency's queue put into its inbox by one statement (one
   * commit); 1 delivers each message on its own.
   */
  ROUTER_DELIVERY_BATCH_MAX: z.coerce.number().int().min(1).max(500).default(32),
  /** How long a delivery message waits for others of its agency to share its commit, in ms. */
  ROUTER_DELIVERY_BATCH_LINGER_MS: z.coerce.number().int().min(0).max(1000).default(2),
});

export type RouterConfig = z.output<typeof routerConfigSchema>;

export const ROUTER_CONFIG = Symbol('ROUTER_CONFIG');

export function loadRouterConfig(env: NodeJS.ProcessEnv = process.env): RouterConfig {
  return loadConfig('router', routerConfigSchema, env);
}
