import { randomBytes } from 'node:crypto';
import {
  WebhookSecretCipher,
  WebhookSecretUnreadableError,
  webhookSecretKeyId,
} from './webhook-secret-cipher';

const SECRET = 'h41-webhook-secret-0123456789-abcdef';
const ID = '0192a000-0000-7000-8000-000000000001';

describe('WebhookSecretCipher (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const cipher = new WebhookSecretCipher(key);

  it('opens what it sealed; the ciphertext holds nothing of the secret', () => {
    const sealed = cipher.seal(ID, SECRET);
    expect(sealed.keyId).toBe(webhookSecretKeyId(key));
    expect(sealed.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.tag).toHaveLength(16);
    expect(sealed.ciphertext.toString('latin1')).not.toContain(SECRET.slice(0, 8));
    expect(cipher.open(ID, sealed)).toBe(SECRET);
  });

  it('uses a fresh nonce each time', () => {
    const [a, b] = [cipher.seal(ID, SECRET), cipher.seal(ID, SECRET)];
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it("refuses a sealed secret moved onto another webhook's row", () => {
    const sealed = cipher.seal(ID, SECRET);
    expect(() => cipher.open('0192a000-0000-7000-8000-000000000002', sealed)).toThrow(
      WebhookSecretUnreadableError,
    );
  });

  it('refuses an altered ciphertext or tag', () => {
    const sealed = cipher.seal(ID, SECRET);
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[0] ^= 1;
    expect(() => cipher.open(ID, { ...sealed, ciphertext: flipped })).toThrow(/does not open/);
    expect(() => cipher.open(ID, { ...sealed, tag: Buffer.alloc(16) })).toThrow(/does not open/);
  });

  it('refuses a truncated tag (GCM would otherwise check only its first bytes)', () => {
    const sealed = cipher.seal(ID, SECRET);
    for (const length of [4, 8, 12]) {
      expect(() => cipher.open(ID, { ...sealed, tag: sealed.tag.subarray(0, length) })).toThrow(
        /does not open/,
      );
    }
  });

  it('opens under a previous key during a rotation, seals only under the current one', () => {
    const oldSealed = cipher.seal(ID, SECRET);
    const rotated = new WebhookSecretCipher(randomBytes(32), [key]);
    expect(rotated.open(ID, oldSealed)).toBe(SECRET);
    expect(rotated.seal(ID, SECRET).keyId).toBe(rotated.keyId);
    expect(rotated.keyId).not.toBe(cipher.keyId);
    expect(() => new WebhookSecretCipher(randomBytes(32)).open(ID, oldSealed)).toThrow(
      /not configured/,
    );
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new WebhookSecretCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
