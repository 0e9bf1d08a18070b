import { z } from 'zod';
import { loadConfig } from '@docaxis/config/load-config';
import { certificateProfileEnv } from '@docaxis/signature/verification/certificate-profile.env';
import {
  amqpEnv,
  blobStoreEnv,
  databaseEnv,
  loggingEnv,
  pkiEnv,
} from '@docaxis/config/shared-config.schema';

export const verifierConfigSchema = z.object({
  ...databaseEnv,
  ...amqpEnv,
  ...pkiEnv,
  ...blobStoreEnv,
  ...loggingEnv,
  ...certificateProfileEnv,
  /** Verification is CPU-bound: few dispatches in flight per instance; scale with instances. */
  VERIFIER_PREFETCH: z.coerce.number().int().min(1).max(1000).default(8),
});

export type VerifierConfig = z.output<typeof verifierConfigSchema>;

export function loadVerifierConfig(env: NodeJS.ProcessEnv = process.env): VerifierConfig {
  return loadConfig('verifier', verifierConfigSchema, env);
}
