import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A webhook secret as stored: AES-256-GCM ciphertext, its nonce and tag, and the key's id. */
export interface SealedWebhookSecret {
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
  keyId: string;
}

/** Thrown when a stored secret cannot be opened: its key is not configured, or it was altered. */
export class WebhookSecretUnreadableError extends Error {}

const KEY_BYTES = 32;
const IV_BYTES = 12;
/** The whole GCM tag: without it fixed, Node would check only as many bytes as a row holds. */
const TAG_BYTES = 16;

/** A short, stable name of a key (not the key): which key sealed a row, for rotation. */
export function webhookSecretKeyId(key: Buffer): string {
  return createHash('sha256')
    .update('docaxis webhook secret key id\0')
    .update(key)
    .digest('hex')
    .slice(0, 16);
}

/**
 * Seals webhook secrets at rest with AES-256-GCM (node:crypto). HMAC signing needs the secret
 * itself, so it cannot be hashed like a password; encrypting it means a database dump or backup
 * alone no longer lets anyone forge notifications. The webhook's id is the additional
 * authenticated data: a sealed secret copied onto another webhook's row does not open.
 * `previous` keys only open (rotation: rows sealed under them are sealed again under `current`).
 */
export class WebhookSecretCipher {
  readonly keyId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== KEY_BYTES) {
        throw new Error(`a webhook secret key must be ${KEY_BYTES} bytes, not ${key.length}`);
      }
      this.keys.set(webhookSecretKeyId(key), key);
    }
    this.keyId = webhookSecretKeyId(current);
  }

  seal(webhookId: string, secret: string): SealedWebhookSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.keyId)!, iv);
    cipher.setAAD(Buffer.from(webhookId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return { ciphertext, iv, tag: cipher.getAuthTag(), keyId: this.keyId };
  }

  open(webhookId: string, sealed: SealedWebhookSecret): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) {
      throw new WebhookSecretUnreadableError(
        `the webhook secret was sealed under key ${sealed.keyId}, which is not configured`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(webhookId, 'utf8'));
      decipher.setAuthTag(sealed.tag);
      return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new WebhookSecretUnreadableError(
        `the webhook secret does not open under key ${sealed.keyId} (altered, or not this webhook's)`,
      );
    }
  }
}
