import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook secrets encrypted at rest (AES-256-GCM, see libs/webhooks/src/secrets): ciphertext,
 * nonce, tag and the id of the key. SQL cannot encrypt without the key, which only the apps
 * hold, so existing rows keep their plain secret here (the column becomes nullable) and the
 * gateway and notifier seal them at start-up (WebhookSecretSealing), setting `secret` to NULL.
 * Each row has exactly one of the two forms.
 */
export class WebhookSealedSecrets1795482019359 implements MigrationInterface {
  name = 'WebhookSealedSecrets1795482019359';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "webhooks"
              ALTER COLUMN "secret" DROP NOT NULL,
              ADD "secret_ciphertext" bytea,
              ADD "secret_iv" bytea,
              ADD "secret_tag" bytea,
              ADD "secret_key_id" character varying(16),
              ADD CONSTRAINT "ck_webhooks_secret_form" CHECK (
                (secret IS NULL) = (secret_ciphertext IS NOT NULL AND secret_iv IS NOT NULL
                  AND secret_tag IS NOT NULL AND secret_key_id IS NOT NULL))
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Sealed secrets cannot be turned back into plain ones without the key: refuse to lose them.
    const rows = (await queryRunner.query(
      `SELECT count(*)::int AS sealed FROM webhooks WHERE secret IS NULL`,
    )) as { sealed: number }[];
    const [{ sealed }] = rows;
    if (sealed > 0) {
      throw new Error(`${sealed} webhook secrets are sealed; reverting would lose them`);
    }
    await queryRunner.query(`
            ALTER TABLE "webhooks"
              DROP CONSTRAINT "ck_webhooks_secret_form",
              DROP COLUMN "secret_key_id",
              DROP COLUMN "secret_tag",
              DROP COLUMN "secret_iv",
              DROP COLUMN "secret_ciphertext",
              ALTER COLUMN "secret" SET NOT NULL
        `);
  }
}
