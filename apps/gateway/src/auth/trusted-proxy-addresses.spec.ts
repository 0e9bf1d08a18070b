import { TrustedProxyAddresses } from './trusted-proxy-addresses';

describe('TrustedProxyAddresses', () => {
  const proxies = new TrustedProxyAddresses(['10.0.0.5', '192.168.0.0/16', 'fd00::/8']);

  it.each([
    ['10.0.0.5', true],
    ['::ffff:10.0.0.5', true],
    ['192.168.44.1', true],
    ['fd12::1', true],
    ['10.0.0.6', false],
    ['127.0.0.1', false],
    ['::1', false],
    ['not-an-address', false],
    [undefined, false],
  ])('%s → %s', (address, trusted) => {
    expect(proxies.trusts(address)).toBe(trusted);
  });

  it('trusts nobody when none is configured', () => {
    expect(new TrustedProxyAddresses([]).trusts('127.0.0.1')).toBe(false);
  });
});
