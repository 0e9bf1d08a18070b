import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { WebhookRepository } from '@docaxis/persistence/webhook/webhook.repository';
import { WebhookSecretCipher } from './webhook-secret-cipher';

/**
 * Seals, at start-up, every webhook secret still stored plain (rows from before secrets were
 * encrypted: a migration cannot, it has no key) or sealed under a previous key (rotation). Both
 * the gateway and the notifier run it; each row is changed only if it still holds what was read,
 * so two instances starting together do no harm. Until a row is sealed the notifier signs with
 * its plain secret, as before.
 */
@Injectable()
export class WebhookSecretSealing implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookSecretSealing.name);

  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly cipher: WebhookSecretCipher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const sealed = await this.sealAll();
      if (sealed > 0)
        this.logger.log(`sealed ${sealed} webhook secrets under key ${this.cipher.keyId}`);
    } catch (error) {
      // Not fatal: plain rows still sign, and the next start tries again.
      this.logger.error(`sealing webhook secrets failed: ${(error as Error).message}`);
    }
  }

  /** Seals what needs it; the number of rows this instance changed. */
  async sealAll(): Promise<number> {
    let changed = 0;
    for (const row of await this.webhooks.secretsToSeal(this.cipher.keyId)) {
      let secret: string;
      try {
        secret = row.plain ?? this.cipher.open(row.id, row.sealed!);
      } catch (error) {
        this.logger.warn(`webhook ${row.id}: ${(error as Error).message}; left as it is`);
        continue;
      }
      if (await this.webhooks.storeSealedSecret(row, this.cipher.seal(row.id, secret))) {
        changed += 1;
      }
    }
    return changed;
  }
}
