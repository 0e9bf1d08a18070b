import { BlockList, isIP } from 'node:net';
import { parseIpNetwork } from '@docaxis/config/ip-network-list';

/**
 * Ranges a webhook may never reach: everything that is not public unicast. node:net's BlockList
 * does the prefix matching (and matches IPv4 rules against IPv4-mapped IPv6 forms such as
 * ::ffff:127.0.0.1), so no bit arithmetic lives here.
 */
const NOT_PUBLIC_IPV4: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
];

const NOT_PUBLIC_IPV6: readonly [string, number][] = [
  ['::', 96], // unspecified (::), loopback (::1), deprecated IPv4-compatible forms
  ['64:ff9b::', 96], // NAT64: would reach whatever IPv4 address it embeds
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID, …)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds an IPv4 address
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

/** Global unicast IPv6 is 2000::/3; anything outside it is not a public address. */
const GLOBAL_UNICAST_IPV6 = new BlockList();
GLOBAL_UNICAST_IPV6.addSubnet('2000::', 3, 'ipv6');

const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of NOT_PUBLIC_IPV4) NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of NOT_PUBLIC_IPV6) NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');

/**
 * Which addresses a webhook may be POSTed to: public unicast ones, plus the networks an operator
 * explicitly allows (development and tests run receivers on 127.0.0.1; a deployment may have
 * agencies on a private government network). Production leaves the allow-list empty.
 */
export class WebhookAddressPolicy {
  private readonly allowed = new BlockList();

  constructor(allowedNetworks: readonly string[] = []) {
    for (const network of allowedNetworks) {
      const { address, prefix, family } = parseIpNetwork(network);
      this.allowed.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
    }
  }

  /** True when a webhook may be sent to `address` (an IPv4 or IPv6 literal, no brackets). */
  permits(address: string): boolean {
    const family = isIP(address);
    if (family === 0) return false;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (this.allowed.check(address, type)) return true;
    if (NOT_PUBLIC.check(address, type)) return false;
    // IPv4-mapped forms were judged by their IPv4 rules above; any other IPv6 must be global.
    return family === 4 || isIpv4Mapped(address) || GLOBAL_UNICAST_IPV6.check(address, 'ipv6');
  }
}

const IPV4_MAPPED = new BlockList();
IPV4_MAPPED.addSubnet('::ffff:0:0', 96, 'ipv6');

function isIpv4Mapped(address: string): boolean {
  return IPV4_MAPPED.check(address, 'ipv6');
}
