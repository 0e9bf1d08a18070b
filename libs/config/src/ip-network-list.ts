import { isIP } from 'node:net';
import { z } from 'zod';
import { commaSeparatedList } from './comma-separated-list';

/** One IP network: an address and its prefix length (a single address is a full-length prefix). */
export interface IpNetwork {
  address: string;
  prefix: number;
  family: 4 | 6;
}

/** `10.0.0.0/8`, `fd00::/8` or a single address; throws on anything else. */
export function parseIpNetwork(value: string): IpNetwork {
  const [address, prefixText, ...rest] = value.trim().split('/');
  const family = isIP(address) as 0 | 4 | 6;
  if (family === 0 || rest.length > 0)
    throw new Error(`${value} is not an IP address or CIDR block`);
  const max = family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) {
    throw new Error(`${value} has no valid prefix length`);
  }
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) throw new Error(`${value} has a prefix longer than ${max}`);
  return { address, prefix, family };
}

function isIpNetwork(value: string): boolean {
  try {
    parseIpNetwork(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * An environment variable holding comma-separated IP addresses or CIDR blocks (empty by
 * default), read as the list of its entries, each checked by parseIpNetwork.
 */
export function ipNetworkList() {
  return commaSeparatedList().pipe(
    z.array(z.string().refine(isIpNetwork, 'must be IP addresses or CIDR blocks')),
  );
}
