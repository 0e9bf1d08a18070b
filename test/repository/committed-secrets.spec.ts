import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** What must never be committed: keys, key stores, environment files, real credentials. */
const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----\r?\n[A-Za-z0-9+/=]{32,}/;
const KEY_FILE = /\.(pem|key|p12|pfx|jks|keystore)$|(^|\/)\.env$|(^|\/)id_(rsa|ecdsa|ed25519)$/;
const URL_CREDENTIALS = /[a-z][a-z0-9+.-]*:\/\/([^/\s:@'"`$]+):([^@/\s'"`$]+)@([^/\s:'"`]+)/gi;
/** RabbitMQ's built-in guest account: the documented development default, on any dev host. */
const DEV_DEFAULT_CREDENTIALS = 'guest:guest';
const EXAMPLE_HOSTS = /^(127\.0\.0\.1|localhost|example\.(com|org))$/;

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
}

describe('no secret is committed', () => {
  const files = trackedFiles();

  it('looks at the whole repository', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', '.env.example']));
  });

  it('holds no private key, key store or environment file', () => {
    expect(files.filter((file) => KEY_FILE.test(file))).toEqual([]);
    const withKeys = files.filter((file) => {
      if (file === 'package-lock.json') return false;
      try {
        return PRIVATE_KEY_BLOCK.test(readFileSync(join(ROOT, file), 'latin1'));
      } catch {
        return false; // deleted in the work tree
      }
    });
    expect(withKeys).toEqual([]);
  });

  it('writes no credentials into URLs beyond the documented local defaults', () => {
    const found: string[] = [];
    for (const file of files) {
      if (file === 'package-lock.json') continue;
      let text: string;
      try {
        text = readFileSync(join(ROOT, file), 'utf8');
      } catch {
        continue;
      }
      for (const match of text.matchAll(URL_CREDENTIALS)) {
        const [, user, password, host] = match;
        if (`${user}:${password}` === DEV_DEFAULT_CREDENTIALS) continue;
        if (EXAMPLE_HOSTS.test(host) && password.length <= 8) continue; // test fixtures
        found.push(`${file}: ${user}:***@${host}`);
      }
    }
    expect(found).toEqual([]);
  });
});
