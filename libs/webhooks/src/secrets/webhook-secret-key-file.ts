import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { WebhookSecretCipher } from './webhook-secret-cipher';

/** A key file holds the 32-byte key in base64 (one line; surrounding white space ignored). */
export function readWebhookSecretKeyFile(path: string): Buffer {
  const text = readFileSync(path, 'utf8').trim();
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32 || key.toString('base64') !== text) {
    throw new Error(`${path} must hold a 32-byte key in base64 (openssl rand -base64 32)`);
  }
  return key;
}

/** The cipher of an app: the current key, plus the previous ones while rows are re-sealed. */
export function webhookSecretCipherFromFiles(
  currentPath: string,
  previousPaths: readonly string[] = [],
): WebhookSecretCipher {
  return new WebhookSecretCipher(
    readWebhookSecretKeyFile(currentPath),
    previousPaths.map(readWebhookSecretKeyFile),
  );
}

/**
 * Creates a random TEST key at `path` unless one is there (development and tests only; production
 * keys come from the operator). Safe when several processes race: the first link wins.
 */
export function ensureDevWebhookSecretKeyFile(path: string): string {
  if (existsSync(path)) return path;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return path;
}
