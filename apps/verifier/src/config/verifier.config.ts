import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { loadConfig } from '@docaxis/config/load-config';
import { certificateProfileEnv } from '@docaxis/signature/verification/certificate-profile.env';
import {
  amqpEnv,
  blobStoreEnv,
  databaseEnv,
  loggingEnv,
  pkiEnv,
  managementHttpEnv,
  portNumber,
} from '@docaxis/config/shared-config.schema';

export const verifierConfigSchema = z.object({
  ...databaseEnv,
  ...amqpEnv,
  ...pkiEnv,
  ...blobStoreEnv,
  ...loggingEnv,
  ...managementHttpEnv,
  /** Port of the verifier's health (/health/live, /health/ready) and /metrics HTTP server. */
  VERIFIER_HTTP_PORT: portNumber(9102),
  ...certificateProfileEnv,
  /** Verification is CPU-bound: few dispatches in flight per instance; scale with instances. */
  VERIFIER_PREFETCH: z.coerce.number().int().min(1).max(1000).default(8),
  /**
   * How long after acceptance a dispatch whose revocation status no source could give (CRL/OCSP
   * unreachable) stays accepted and is verified again later; past it, it is rejected with
   * REVOCATION_STATUS_UNAVAILABLE. 0 rejects at once. Default 1 h, at most 7 days.
   */
  VERIFIER_REVOCATION_RETRY_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400_000)
    .default(3_600_000),
  /**
   * Worker threads that verify PDFs; 0 verifies on the main thread. One thread uses one core, so
   * workers let an instance use more; on a machine of two cores or fewer, shared with the other
   * apps, they only add the cost of copying each PDF and report between threads.
   */
  VERIFIER_WORKERS: z.coerce
    .number()
    .int()
    .min(0)
    .max(64)
    .default(Math.min(4, Math.max(0, availableParallelism() - 2))),
});

export type VerifierConfig = z.output<typeof verifierConfigSchema>;

export function loadVerifierConfig(env: NodeJS.ProcessEnv = process.env): VerifierConfig {
  return loadConfig('verifier', verifierConfigSchema, env);
}
