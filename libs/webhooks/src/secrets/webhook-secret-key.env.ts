import { resolve } from 'node:path';
import { z } from 'zod';
import { commaSeparatedPathList } from '@docaxis/config/comma-separated-list';

/** Where `npm start` and the tests keep their generated TEST key (under the ignored certs/dev). */
export const DEV_WEBHOOK_SECRET_KEY_FILE = 'certs/dev/webhooks/webhook-secret-key.TEST.b64';

/**
 * Environment of the apps that seal (gateway) or open (notifier) webhook secrets: the AES-256
 * key file, and during a rotation the previous keys, comma-separated, which only open.
 */
export const webhookSecretKeyEnv = {
  WEBHOOK_SECRET_KEY_FILE: z
    .string()
    .default(DEV_WEBHOOK_SECRET_KEY_FILE)
    .transform((path) => resolve(path)),
  WEBHOOK_SECRET_PREVIOUS_KEY_FILES: commaSeparatedPathList(),
};
