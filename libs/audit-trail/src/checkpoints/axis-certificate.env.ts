import { resolve } from 'node:path';
import { z } from 'zod';

/** The axis' own signing certificate: audit checkpoints are signed with it and verified against it. */
export const axisCertificateEnv = {
  AXIS_SIGNING_CERT_FILE: z
    .string()
    .default('certs/dev/axis/axis-signing.pem')
    .transform((p) => resolve(p)),
};
