import { z } from 'zod';
import { loadConfig } from '@docaxis/config/load-config';
import {
  amqpEnv,
  databaseEnv,
  loggingEnv,
  managementHttpEnv,
  portNumber,
} from '@docaxis/config/shared-config.schema';
import { auditCheckpointEnv } from '../checkpoints/audit-checkpoint.config';
import { auditRecordingEnv } from '../recording/audit-recording.config';

export const auditConfigSchema = z.object({
  ...databaseEnv,
  ...amqpEnv,
  ...loggingEnv,
  ...managementHttpEnv,
  /** Port of the audit's health (/health/live, /health/ready) and /metrics HTTP server. */
  AUDIT_HTTP_PORT: portNumber(9103),
  ...auditRecordingEnv,
  ...auditCheckpointEnv,
  /**
   * The database role the audit app's connections switch to: INSERT and SELECT on the audit
   * tables only (created by the migrations). Empty: keep the login's own privileges.
   */
  AUDIT_DATABASE_ROLE: z.string().default('docaxis_audit_writer'),
});

export type AuditConfig = z.output<typeof auditConfigSchema>;

export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  return loadConfig('audit', auditConfigSchema, env);
}
