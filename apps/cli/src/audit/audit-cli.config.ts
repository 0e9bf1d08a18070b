import { z } from 'zod';
import { axisCertificateEnv } from '@docaxis/audit-trail/checkpoints/axis-certificate.env';
import { tsaTrustEnv } from '@docaxis/audit-trail/checkpoints/tsa-trust.env';
import { loadConfig } from '@docaxis/config/load-config';
import { databaseEnv } from '@docaxis/config/shared-config.schema';

/**
 * `docaxis audit` reads the database directly (DATABASE_URL: give auditors a login with SELECT
 * only) and trusts checkpoints signed by AXIS_SIGNING_CERT_FILE, and their timestamps by the TSAs
 * of AUDIT_TSA_TRUST_FILE (empty: the TSA chain is not checked, and the answer says so), their
 * revocation against the CRLs of AUDIT_TSA_CRL_DIR (empty: not checked, and the answer says so).
 */
export const auditCliConfigSchema = z.object({
  ...databaseEnv,
  ...axisCertificateEnv,
  ...tsaTrustEnv,
});

export type AuditCliConfig = z.output<typeof auditCliConfigSchema>;

export function loadAuditCliConfig(env: NodeJS.ProcessEnv): AuditCliConfig {
  return loadConfig('docaxis audit', auditCliConfigSchema, env);
}
