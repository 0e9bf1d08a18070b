import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The TSAs whose RFC 3161 tokens on checkpoints are trusted: a PEM bundle of trust anchors.
 * Empty: tokens are still checked (signature, imprint) but not who signed them, and every answer
 * says the TSA chain was not checked.
 */
export const tsaTrustEnv = {
  AUDIT_TSA_TRUST_FILE: z
    .string()
    .default('')
    .transform((p) => (p.trim() === '' ? undefined : resolve(p.trim()))),
};
