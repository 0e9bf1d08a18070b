/**
 * Test support: a DER TLV of `tag` around `parts` (definite length, long form when needed), to
 * rebuild a structure around bytes taken from a real one (signed attributes, a CRL's TBS part).
 */
export function derTlv(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  if (body.length < 0x80) return Buffer.concat([Buffer.from([tag, body.length]), body]);
  const octets: number[] = [];
  for (let rest = body.length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return Buffer.concat([Buffer.from([tag, 0x80 | octets.length, ...octets]), body]);
}
