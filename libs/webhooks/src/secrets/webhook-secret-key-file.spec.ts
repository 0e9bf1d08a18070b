import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureDevWebhookSecretKeyFile,
  readWebhookSecretKeyFile,
  webhookSecretCipherFromFiles,
} from './webhook-secret-key-file';

describe('webhook secret key files', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'webhook-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a TEST key once, readable by its owner only, and keeps it', () => {
    const path = ensureDevWebhookSecretKeyFile(join(dir, 'webhooks', 'key.TEST.b64'));
    const first = readFileSync(path, 'utf8');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readWebhookSecretKeyFile(path)).toHaveLength(32);
    ensureDevWebhookSecretKeyFile(path);
    expect(readFileSync(path, 'utf8')).toBe(first);
  });

  it.each([
    ['a short key', Buffer.alloc(16).toString('base64')],
    ['not base64', 'not a key at all, just some words here!'],
  ])('refuses %s', (_, content) => {
    const path = join(dir, 'bad.b64');
    writeFileSync(path, content);
    expect(() => readWebhookSecretKeyFile(path)).toThrow(/32-byte key in base64/);
  });

  it('refuses a missing key file', () => {
    expect(() => webhookSecretCipherFromFiles(join(dir, 'absent.b64'))).toThrow(/ENOENT/);
  });
});
