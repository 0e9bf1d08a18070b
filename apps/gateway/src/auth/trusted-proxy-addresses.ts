import { BlockList, isIP } from 'node:net';

/** The proxies allowed to forward a client certificate in a header (addresses or CIDR blocks). */
export class TrustedProxyAddresses {
  private readonly list = new BlockList();

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address, prefix] = entry.split('/');
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, Number(prefix), type);
    }
  }

  /** Whether a connection from `remoteAddress` comes from a trusted proxy. */
  trusts(remoteAddress: string | undefined): boolean {
    if (!remoteAddress) return false;
    // An IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remoteAddress);
    const address = mapped ? mapped[1] : remoteAddress;
    const family = isIP(address);
    if (family === 0) return false;
    return this.list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  }
}
