import type { Provider } from '@nestjs/common';
import { WebhookSecretCipher } from './webhook-secret-cipher';
import { webhookSecretCipherFromFiles } from './webhook-secret-key-file';
import { WebhookSecretSealing } from './webhook-secret-sealing';

/** The cipher (its key files read at start-up: a missing key stops the app) and the sealing. */
export function webhookSecretProviders(config: {
  WEBHOOK_SECRET_KEY_FILE: string;
  WEBHOOK_SECRET_PREVIOUS_KEY_FILES: readonly string[];
}): Provider[] {
  return [
    {
      provide: WebhookSecretCipher,
      useFactory: () =>
        webhookSecretCipherFromFiles(
          config.WEBHOOK_SECRET_KEY_FILE,
          config.WEBHOOK_SECRET_PREVIOUS_KEY_FILES,
        ),
    },
    WebhookSecretSealing,
  ];
}
