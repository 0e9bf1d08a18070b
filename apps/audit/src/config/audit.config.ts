import { z } from 'zod';
import { loadConfig } from '@docaxis/config/load-config';
import { amqpEnv, databaseEnv, loggingEnv } from '@docaxis/config/shared-config.schema';
import { auditRecordingEnv } from '../recording/audit-recording.config';

export const auditConfigSchema = z.object({
  ...databaseEnv,
  ...amqpEnv,
  ...loggingEnv,
  ...auditRecordingEnv,
});

export type AuditConfig = z.output<typeof auditConfigSchema>;

export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  return loadConfig('audit', auditConfigSchema, env);
}
