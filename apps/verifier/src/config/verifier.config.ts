import { z } from 'zod';
import { loadConfig } from '@docaxis/config/load-config';
import {
  DEV_ORGANIZATION_POLICY_OID,
  DEV_PERSON_POLICY_OID,
} from '@docaxis/signature/pki/certificate-profile';
import {
  amqpEnv,
  blobStoreEnv,
  databaseEnv,
  loggingEnv,
  pkiEnv,
} from '@docaxis/config/shared-config.schema';

function oidList(fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((oid) => oid.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(z.string().regex(/^\d+(\.\d+)+$/, 'must be dotted OIDs, comma-separated')).min(1),
    );
}

export const verifierConfigSchema = z.object({
  ...databaseEnv,
  ...amqpEnv,
  ...pkiEnv,
  ...blobStoreEnv,
  ...loggingEnv,
  /** certificatePolicies OIDs marking organization ("seal") certificates; defaults to the TEST PKI's. */
  ORGANIZATION_CERTIFICATE_POLICY_OIDS: oidList(DEV_ORGANIZATION_POLICY_OID),
  /** certificatePolicies OIDs marking personal (leader) certificates; defaults to the TEST PKI's. */
  PERSON_CERTIFICATE_POLICY_OIDS: oidList(DEV_PERSON_POLICY_OID),
  /** Verification is CPU-bound: few dispatches in flight per instance; scale with instances. */
  VERIFIER_PREFETCH: z.coerce.number().int().min(1).max(1000).default(8),
});

export type VerifierConfig = z.output<typeof verifierConfigSchema>;

export function loadVerifierConfig(env: NodeJS.ProcessEnv = process.env): VerifierConfig {
  return loadConfig('verifier', verifierConfigSchema, env);
}
