import { WebhookAddressPolicy } from './webhook-address-policy';
import { checkWebhookDestination, type HostLookup } from './webhook-destination';

const policy = new WebhookAddressPolicy();

function resolvingTo(...addresses: string[]): HostLookup {
  return () =>
    Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
}

describe('checkWebhookDestination', () => {
  it('gives the resolved public address to connect to', async () => {
    const checked = await checkWebhookDestination(
      new URL('https://hooks.example.org/x'),
      policy,
      resolvingTo('93.184.216.34'),
    );
    expect(checked).toEqual({
      ok: true,
      hostname: 'hooks.example.org',
      address: '93.184.216.34',
      family: 4,
    });
  });

  it('refuses a host when ANY of its addresses is private', async () => {
    const checked = await checkWebhookDestination(
      new URL('https://hooks.example.org/x'),
      policy,
      resolvingTo('93.184.216.34', '10.0.0.5'),
    );
    expect(checked).toMatchObject({ ok: false, reason: 'not-public' });
    expect(!checked.ok && checked.message).toContain('resolves to 10.0.0.5');
    // The webhook stops with the same words the refusal gives.
    expect(checked).toMatchObject({
      deactivation: {
        code: 'DESTINATION_NOT_PUBLIC',
        reason: !checked.ok && checked.message,
        reasonVi: expect.stringContaining('phân giải tới 10.0.0.5'),
      },
    });
  });

  it.each([
    'https://127.0.0.1/x',
    'https://[::1]/x',
    'https://[::ffff:169.254.169.254]/x',
    'https://0x7f000001/x', // WHATWG URL normalises it to 127.0.0.1
    'https://2130706433/x',
  ])('refuses the literal %s without resolving', async (url) => {
    const lookup = jest.fn<ReturnType<HostLookup>, Parameters<HostLookup>>();
    const checked = await checkWebhookDestination(new URL(url), policy, lookup);
    expect(checked).toMatchObject({ ok: false, reason: 'not-public' });
    expect(!checked.ok && checked.message).not.toContain('resolves to');
    expect(lookup).not.toHaveBeenCalled();
  });

  it('refuses a name that does not resolve', async () => {
    const checked = await checkWebhookDestination(
      new URL('https://nowhere.invalid/x'),
      policy,
      () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' })),
    );
    expect(checked).toMatchObject({ ok: false, reason: 'unresolvable' });
    expect(!checked.ok && checked.message).toContain('ENOTFOUND');
  });

  /** Checks https://hooks.example.org/x with a resolver that fails with `code`. */
  const checkFailingWith = (code: string | undefined) =>
    checkWebhookDestination(new URL('https://hooks.example.org/x'), policy, () =>
      Promise.reject(Object.assign(new Error('resolver trouble'), { code })),
    );

  it.each(['ENOTFOUND', 'ENODATA'])(
    'calls a name the resolver says has no address (%s) unresolvable',
    async (code) => {
      expect(await checkFailingWith(code)).toMatchObject({ ok: false, reason: 'unresolvable' });
    },
  );

  it.each(['EAI_AGAIN', 'ESERVFAIL', 'ETIMEOUT', 'ECONNREFUSED', undefined])(
    'calls a resolver that could not answer (%s) a failed lookup, not a missing name',
    async (code) => {
      const checked = await checkFailingWith(code);
      expect(checked).toMatchObject({ ok: false, reason: 'lookup-failed' });
      expect(!checked.ok && checked.message).toContain('could not be looked up just now');
      expect(!checked.ok && checked.message).not.toContain('does not resolve');
    },
  );

  it('refuses localhost through the system resolver', async () => {
    const checked = await checkWebhookDestination(new URL('https://localhost:8443/x'), policy);
    expect(checked).toMatchObject({ ok: false, reason: 'not-public' });
  });
});
