import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { auditConfigSchema } from '../../apps/audit/src/config/audit.config';
import { axisConnectionSchema } from '../../apps/cli/src/api/axis-connection';
import { auditCliConfigSchema } from '../../apps/cli/src/audit/audit-cli.config';
import { gatewayConfigSchema } from '../../apps/gateway/src/config/gateway.config';
import { notifierConfigSchema } from '../../apps/notifier/src/config/notifier.config';
import { routerConfigSchema } from '../../apps/router/src/config/router.config';
import { verifierConfigSchema } from '../../apps/verifier/src/config/verifier.config';
import { ConfigValidationError } from '@docaxis/config/config-validation.error';
import { loadConfig } from '@docaxis/config/load-config';

const schemas: Record<string, z.ZodObject> = {
  gateway: gatewayConfigSchema,
  router: routerConfigSchema,
  verifier: verifierConfigSchema,
  audit: auditConfigSchema,
  notifier: notifierConfigSchema,
  'CLI connection': axisConnectionSchema,
  'CLI audit': auditCliConfigSchema,
};

/** Variables read outside the apps' schemas (scripts and tools), documented in .env.example too. */
const TOOL_VARIABLES = [
  'GATEWAY_URL',
  'CERTS_DIR',
  'DOCAXIS_AUDIT_REQUIRED',
  'CONSOLE_OUT_DIR',
  // The CLI's --lang default, read beside commander's options (apps/cli/src/cli-language.ts).
  'DOCAXIS_LANG',
];

const documented = new Set(
  readFileSync(join(resolve(__dirname, '../..'), '.env.example'), 'utf8')
    .split('\n')
    .map((line) => /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined),
);

describe('.env.example', () => {
  it('documents every variable every app and the CLI read', () => {
    const missing = Object.entries(schemas).flatMap(([app, schema]) =>
      Object.keys(schema.shape)
        .filter((name) => !documented.has(name))
        .map((name) => `${app}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('lists nothing that no app reads any more', () => {
    const read = new Set([
      ...Object.values(schemas).flatMap((schema) => Object.keys(schema.shape)),
      ...TOOL_VARIABLES,
    ]);
    expect([...documented].filter((name) => !read.has(name))).toEqual([]);
  });

  it('gives working defaults: every app starts from an empty environment', () => {
    for (const [app, schema] of Object.entries(schemas)) {
      expect(() => loadConfig(app, schema, {})).not.toThrow();
    }
  });

  it('names every bad variable at once, with what is expected', () => {
    const attempt = () =>
      loadConfig('router', routerConfigSchema, {
        AMQP_URL: 'http://broker',
        ROUTER_HTTP_PORT: '70000',
        LOG_LEVEL: 'loud',
      });
    expect(attempt).toThrow(ConfigValidationError);
    expect(attempt).toThrow(/AMQP_URL: must be an amqp:\/\/ or amqps:\/\/ URL/);
    expect(attempt).toThrow(/ROUTER_HTTP_PORT: /);
    expect(attempt).toThrow(/LOG_LEVEL: /);
    expect(attempt).toThrow(/See \.env\.example/);
  });
});
