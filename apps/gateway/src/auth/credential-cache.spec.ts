import type {
  AgencyCertificateRepository,
  RegisteredCredential,
} from '@docaxis/persistence/agency/agency-certificate.repository';
import { CredentialCache } from './credential-cache';

const credential = (status: 'active' | 'suspended') =>
  ({
    certificate: { status: 'active', roles: ['agency-system'] },
    agency: { code: '000.00.00.H41', name: 'UBND Nghệ An', status },
  }) as unknown as RegisteredCredential;

describe('CredentialCache', () => {
  let stored: RegisteredCredential | null;
  let reads: number;
  let fail: boolean;
  const repository = {
    findCredential: (fingerprint: string) => {
      reads += 1;
      expect(fingerprint).toBe('abcd');
      return fail ? Promise.reject(new Error('database down')) : Promise.resolve(stored);
    },
  } as unknown as AgencyCertificateRepository;

  beforeEach(() => {
    jest.useFakeTimers();
    stored = credential('active');
    reads = 0;
    fail = false;
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('reads the directory once per TTL, normalising the fingerprint', async () => {
    const cache = new CredentialCache(repository, { AUTH_CACHE_TTL_MS: 1000 });
    await cache.lookup('AB:CD');
    await cache.lookup('abcd');
    expect(reads).toBe(1);
    stored = credential('suspended');
    jest.advanceTimersByTime(1001);
    expect((await cache.lookup('abcd'))?.agency.status).toBe('suspended');
    expect(reads).toBe(2);
  });

  it('caches a miss too, and forgets everything when invalidated', async () => {
    stored = null;
    const cache = new CredentialCache(repository, { AUTH_CACHE_TTL_MS: 60_000 });
    expect(await cache.lookup('abcd')).toBeNull();
    expect(await cache.lookup('abcd')).toBeNull();
    expect(reads).toBe(1);
    stored = credential('active');
    cache.invalidateAll();
    expect(await cache.lookup('abcd')).not.toBeNull();
    expect(reads).toBe(2);
  });

  it('never serves a failed read from the cache', async () => {
    fail = true;
    const cache = new CredentialCache(repository, { AUTH_CACHE_TTL_MS: 60_000 });
    await expect(cache.lookup('abcd')).rejects.toThrow('database down');
    fail = false;
    expect(await cache.lookup('abcd')).not.toBeNull();
    expect(reads).toBe(2);
  });

  it('reads every time with a TTL of 0', async () => {
    const cache = new CredentialCache(repository, { AUTH_CACHE_TTL_MS: 0 });
    await cache.lookup('abcd');
    await cache.lookup('abcd');
    expect(reads).toBe(2);
  });
});
