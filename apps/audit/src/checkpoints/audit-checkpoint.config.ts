import { resolve } from 'node:path';
import { z } from 'zod';
import { axisCertificateEnv } from '@docaxis/audit-trail/checkpoints/axis-certificate.env';
import { tsaTrustEnv } from '@docaxis/audit-trail/checkpoints/tsa-trust.env';

/** Environment of checkpoint signing; the audit app composes it into its schema. */
export const auditCheckpointEnv = {
  ...axisCertificateEnv,
  AXIS_SIGNING_KEY_FILE: z
    .string()
    .default('certs/dev/axis/axis-signing.key.pem')
    .transform((p) => resolve(p)),
  /** A checkpoint is signed once this many records were appended since the last one ... */
  AUDIT_CHECKPOINT_EVERY_RECORDS: z.coerce.number().int().min(1).default(1000),
  /** ... or once this long has passed with at least one new record (milliseconds). */
  AUDIT_CHECKPOINT_EVERY_MS: z.coerce.number().int().min(100).default(60_000),
  /** RFC 3161 time-stamping authority for the checkpoints (empty: none). */
  AUDIT_TSA_URL: z.union([z.literal(''), z.url()]).default(''),
  /** With it, a token whose TSA does not chain to these anchors is not stored (and logged). */
  ...tsaTrustEnv,
  /** How often the audit app looks whether a checkpoint is due (milliseconds). */
  AUDIT_CHECKPOINT_POLL_MS: z.coerce.number().int().min(50).default(1000),
};

export interface AuditCheckpointOptions {
  everyRecords: number;
  everyMs: number;
  pollMs: number;
}
