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
  /**
   * CRLs (DER or PEM) of the issuers of the TSA certificates, re-read every minute: every
   * certificate of a TSA's path is checked against them. Empty: TSA revocation is not checked,
   * and every answer says so.
   */
  AUDIT_TSA_CRL_DIR: z
    .string()
    .default('')
    .transform((p) => (p.trim() === '' ? undefined : resolve(p.trim()))),
};
