import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { WebhookRepository } from '@docaxis/persistence/webhook/webhook.repository';
import { WebhookSecretCipher } from './webhook-secret-cipher';
import { WebhookSecretSealing } from './webhook-secret-sealing';

const AGENCY = '000.00.00.H41';
const OTHER_AGENCY = '000.00.00.G22';
const PLAIN = 'legacy-plain-secret-0123456789-abcdef';

/** Start-up sealing of plain (pre-encryption) and previous-key secrets, on real PostgreSQL. */
describe('WebhookSecretSealing (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let webhooks: WebhookRepository;
  const oldKey = randomBytes(32);

  beforeAll(async () => {
    ({ dataSource } = await agencyDatabase('webhook-sealing', [{ code: AGENCY, name: 'UBND' }]));
    webhooks = new WebhookRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  async function insertPlain(id: string): Promise<void> {
    await dataSource.query(
      `INSERT INTO webhooks (id, agency_code, url, secret, active) VALUES ($1, $2, 'https://h.example/x', $3, false)`,
      [id, AGENCY, PLAIN],
    );
  }

  async function row(id: string) {
    const [found] = await dataSource.query(
      `SELECT secret, secret_ciphertext, secret_iv, secret_tag, secret_key_id FROM webhooks WHERE id = $1`,
      [id],
    );
    return found as {
      secret: string | null;
      secret_ciphertext: Buffer;
      secret_iv: Buffer;
      secret_tag: Buffer;
      secret_key_id: string;
    };
  }

  it('refuses a row with neither, or both, forms of the secret', async () => {
    await expect(
      dataSource.query(
        `INSERT INTO webhooks (id, agency_code, url, active) VALUES (gen_random_uuid(), $1, 'https://h.example/x', false)`,
        [AGENCY],
      ),
    ).rejects.toThrow(/ck_webhooks_secret_form/);
  });

  it('seals plain secrets: the database then holds no plain secret, and it opens again', async () => {
    const id = '0192a000-0000-7000-8000-0000000000a1';
    await insertPlain(id);
    const cipher = new WebhookSecretCipher(oldKey);
    expect(await new WebhookSecretSealing(webhooks, cipher).sealAll()).toBe(1);
    const sealed = await row(id);
    expect(sealed.secret).toBeNull();
    expect(sealed.secret_key_id).toBe(cipher.keyId);
    const [{ plain }] = await dataSource.query(
      `SELECT count(*)::int AS plain FROM webhooks
        WHERE secret IS NOT NULL OR position($1::bytea IN secret_ciphertext) > 0`,
      [Buffer.from(PLAIN)],
    );
    expect(plain).toBe(0);
    expect(
      cipher.open(id, {
        ciphertext: sealed.secret_ciphertext,
        iv: sealed.secret_iv,
        tag: sealed.secret_tag,
        keyId: sealed.secret_key_id,
      }),
    ).toBe(PLAIN);
    // Nothing left to do the second time.
    expect(await new WebhookSecretSealing(webhooks, cipher).sealAll()).toBe(0);
  });

  it('re-seals under the new key during a rotation; a row whose key is gone is left alone', async () => {
    const rotated = new WebhookSecretCipher(randomBytes(32), [oldKey]);
    expect(await new WebhookSecretSealing(webhooks, rotated).sealAll()).toBe(1);
    const [{ keys }] = await dataSource.query(
      `SELECT array_agg(DISTINCT secret_key_id) AS keys FROM webhooks`,
    );
    expect(keys).toEqual([rotated.keyId]);
    const withoutOldKey = new WebhookSecretCipher(randomBytes(32));
    expect(await new WebhookSecretSealing(webhooks, withoutOldKey).sealAll()).toBe(0);
    const [{ keys: after }] = await dataSource.query(
      `SELECT array_agg(DISTINCT secret_key_id) AS keys FROM webhooks`,
    );
    expect(after).toEqual([rotated.keyId]);
  });

  it('changes a row only if it still holds what was read (two instances starting together)', async () => {
    const id = '0192a000-0000-7000-8000-0000000000a2';
    await insertPlain(id);
    const cipher = new WebhookSecretCipher(oldKey);
    const [toSeal] = (await webhooks.secretsToSeal(cipher.keyId)).filter((r) => r.id === id);
    expect(await webhooks.storeSealedSecret(toSeal, cipher.seal(id, PLAIN))).toBe(true);
    expect(await webhooks.storeSealedSecret(toSeal, cipher.seal(id, PLAIN))).toBe(false);
  });
});

/**
 * The key rotation README (Production deployment) prescribes: notifiers restarted first with the
 * new key current and the old one previous, then gateways, then the old key dropped once
 * `webhooks` holds one key id. Each step keeps every secret openable by every notifier running.
 */
describe('webhook secret key rotation in the README order (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let webhooks: WebhookRepository;
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  beforeAll(async () => {
    ({ dataSource } = await agencyDatabase('webhook-rotation', [
      { code: AGENCY, name: 'UBND' },
      { code: OTHER_AGENCY, name: 'VPCP' },
    ]));
    webhooks = new WebhookRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  async function storedSecrets() {
    const rows: { id: string; ciphertext: Buffer; iv: Buffer; tag: Buffer; keyId: string }[] =
      await dataSource.query(
        `SELECT id, secret_ciphertext AS ciphertext, secret_iv AS iv, secret_tag AS tag,
                secret_key_id AS "keyId"
           FROM webhooks ORDER BY id`,
      );
    return rows;
  }

  /** What a notifier with this cipher can sign: every row's secret, or the first failure. */
  async function opensAll(cipher: WebhookSecretCipher): Promise<string[]> {
    return (await storedSecrets()).map((row) => cipher.open(row.id, row));
  }

  it('never leaves a running notifier a secret it cannot open', async () => {
    const oldOnly = new WebhookSecretCipher(oldKey);
    const rotating = new WebhookSecretCipher(newKey, [oldKey]);
    const newOnly = new WebhookSecretCipher(newKey);
    await webhooks.register(AGENCY, 'https://h41.example/x', (id) => oldOnly.seal(id, PLAIN));

    // 1. Notifiers restart first (new key current, old previous): start-up re-seals under the new key.
    expect(await new WebhookSecretSealing(webhooks, rotating).sealAll()).toBe(1);
    // A gateway not yet restarted still seals registrations under the old key…
    await webhooks.register(OTHER_AGENCY, 'https://g22.example/x', (id) => oldOnly.seal(id, PLAIN));
    // …which the restarted notifiers open, as they open the re-sealed rows.
    expect(await opensAll(rotating)).toEqual([PLAIN, PLAIN]);
    // (Gateways first would strand notifiers still on the old key alone: they cannot sign.)
    await expect(opensAll(oldOnly)).rejects.toThrow(/not configured/);

    // 2. Gateways restart with the same two keys: their start-up re-seals what they sealed before.
    expect(await new WebhookSecretSealing(webhooks, rotating).sealAll()).toBe(1);
    const keyIds: { key: string }[] = await dataSource.query(
      `SELECT DISTINCT coalesce(secret_key_id, 'plain') AS key FROM webhooks`,
    );
    expect(keyIds).toEqual([{ key: rotating.keyId }]);

    // 3. One key id left: the old key can go (a restart without WEBHOOK_SECRET_PREVIOUS_KEY_FILES).
    expect(await opensAll(newOnly)).toEqual([PLAIN, PLAIN]);
  });
});
