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
});

export type RouterConfig = z.output<typeof routerConfigSchema>;

export const ROUTER_CONFIG = Symbol('ROUTER_CONFIG');

export function loadRouterConfig(env: NodeJS.ProcessEnv = process.env): RouterConfig {
  return loadConfig('router', routerConfigSchema, env);
}
