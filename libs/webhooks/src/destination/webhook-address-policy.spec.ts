import { parseIpNetwork } from '@docaxis/config/ip-network-list';
import { WebhookAddressPolicy } from './webhook-address-policy';

describe('WebhookAddressPolicy', () => {
  const policy = new WebhookAddressPolicy();

  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', '"this network"'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback, end of 127/8'],
    ['10.0.0.1', 'RFC 1918 10/8'],
    ['10.255.255.255', 'RFC 1918 10/8 end'],
    ['172.16.0.1', 'RFC 1918 172.16/12'],
    ['172.31.255.255', 'RFC 1918 172.16/12 end'],
    ['192.168.1.1', 'RFC 1918 192.168/16'],
    ['169.254.169.254', 'link-local: cloud metadata'],
    ['100.64.0.1', 'CGNAT 100.64/10'],
    ['100.127.255.255', 'CGNAT end'],
    ['198.18.0.1', 'benchmarking'],
    ['192.0.2.10', 'TEST-NET-1'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast end'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'IPv6 unspecified'],
    ['::1', 'IPv6 loopback'],
    ['fc00::1', 'unique local fc00::/7'],
    ['fd12:3456::1', 'unique local fd'],
    ['fe80::1', 'IPv6 link-local'],
    ['febf::1', 'IPv6 link-local end of fe80::/10'],
    ['ff02::1', 'IPv6 multicast'],
    ['2001:db8::1', 'documentation'],
    ['2002:7f00:1::', '6to4 (embeds 127.0.0.1)'],
    ['64:ff9b::a00:1', 'NAT64 of 10.0.0.1'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex form'],
    ['::ffff:10.1.2.3', 'IPv4-mapped RFC 1918'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['::ffff:0.0.0.0', 'IPv4-mapped unspecified'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['4000::1', 'IPv6 outside global unicast 2000::/3'],
    ['not-an-address', 'not an IP literal'],
  ])('refuses %s (%s)', (address) => {
    expect(policy.permits(address)).toBe(false);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1', // just past 172.16/12
    '100.128.0.1', // just past CGNAT
    '169.255.0.1',
    '11.0.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001::200e',
    '::ffff:8.8.8.8', // IPv4-mapped public
  ])('permits the public address %s', (address) => {
    expect(policy.permits(address)).toBe(true);
  });

  it('permits the networks of the allow-list, and only those', () => {
    const dev = new WebhookAddressPolicy(['127.0.0.0/8', '::1', '10.20.0.0/16']);
    expect(dev.permits('127.0.0.1')).toBe(true);
    expect(dev.permits('::ffff:127.0.0.1')).toBe(true);
    expect(dev.permits('::1')).toBe(true);
    expect(dev.permits('10.20.3.4')).toBe(true);
    expect(dev.permits('10.21.0.1')).toBe(false);
    expect(dev.permits('169.254.169.254')).toBe(false);
    expect(dev.permits('fe80::1')).toBe(false);
  });

  it.each(['10.0.0.0/33', '::1/129', 'example.org', '10.0.0.0/8/1', '10.0.0.0/x'])(
    'refuses the allow-list entry %s',
    (entry) => {
      expect(() => parseIpNetwork(entry)).toThrow();
      expect(() => new WebhookAddressPolicy([entry])).toThrow();
    },
  );
});
