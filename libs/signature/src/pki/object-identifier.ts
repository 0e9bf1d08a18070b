/**
 * OBJECT IDENTIFIER content octets (X.690 §8.19) with arbitrarily large arcs. forge's oidToDer
 * and derToOid stop at 32-bit arcs, and the development policy OIDs live under the UUID arc
 * `2.25.<128-bit number>`: whoever reads certificatePolicies must decode with this, not forge.
 */
export function encodeOidContent(oid: string): Buffer {
  if (!/^[0-2](\.(0|[1-9]\d*))+$/.test(oid)) {
    throw new TypeError(`not a dotted object identifier: ${oid}`);
  }
  const arcs = oid.split('.').map((arc) => BigInt(arc));
  const [first, second, ...rest] = arcs;
  const bytes: number[] = [];
  for (const arc of [first * 40n + second, ...rest]) {
    const groups: number[] = [Number(arc & 0x7fn)];
    for (let remaining = arc >> 7n; remaining > 0n; remaining >>= 7n) {
      groups.unshift(Number(remaining & 0x7fn) | 0x80);
    }
    bytes.push(...groups);
  }
  return Buffer.from(bytes);
}

export function decodeOidContent(content: Buffer): string {
  const arcs: bigint[] = [];
  let value = 0n;
  for (const byte of content) {
    value = (value << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0n;
    }
  }
  if (arcs.length === 0 || (content[content.length - 1] & 0x80) !== 0) {
    throw new TypeError('truncated object identifier');
  }
  const [head, ...rest] = arcs;
  const first = head < 80n ? head / 40n : 2n;
  return [first, head - first * 40n, ...rest].join('.');
}
