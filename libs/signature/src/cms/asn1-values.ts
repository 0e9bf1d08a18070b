import { Asn1DecodingError } from './asn1-decoding-error';
import { ASN1_TAG, asn1Content, expectTag, type Asn1Node } from './asn1-reader';

/** Below this a subidentifier takes 7 more bits and stays a safe integer (< 2^53). */
const SAFE_TO_SHIFT = 2 ** 46;

/**
 * Dotted-decimal form of an OBJECT IDENTIFIER node. Arcs are summed as numbers and only switch
 * to BigInt past 2^46 (UUID arcs): BigInt per byte was ~2 % of a verification's CPU.
 */
export function decodeOid(bytes: Buffer, node: Asn1Node): string {
  const content = asn1Content(bytes, expectTag(node, ASN1_TAG.oid, 'object identifier'));
  if (content.length === 0 || (content[content.length - 1] & 0x80) !== 0) {
    throw new Asn1DecodingError('truncated object identifier');
  }
  const arcs: string[] = [];
  let value = 0;
  let large: bigint | undefined;
  let first = true;
  for (const byte of content) {
    const bits = byte & 0x7f;
    if (large !== undefined) large = (large << 7n) | BigInt(bits);
    else if (value >= SAFE_TO_SHIFT) large = (BigInt(value) << 7n) | BigInt(bits);
    else value = value * 128 + bits;
    if ((byte & 0x80) !== 0) continue;
    if (first) {
      // The first subidentifier packs two arcs: 40 * X + Y, with X in 0..2.
      if (large !== undefined) arcs.push('2', (large - 80n).toString());
      else {
        const head = value < 80 ? Math.floor(value / 40) : 2;
        arcs.push(head.toString(), (value - head * 40).toString());
      }
      first = false;
    } else {
      arcs.push(large !== undefined ? large.toString() : value.toString());
    }
    value = 0;
    large = undefined;
  }
  return arcs.join('.');
}

/**
 * An INTEGER (or a tag-implicit one) as upper-case hex without leading zero octets, the form
 * `X509Certificate.serialNumber` uses, so serial numbers compare as strings.
 */
export function decodeIntegerHex(bytes: Buffer, node: Asn1Node): string {
  const content = asn1Content(bytes, node);
  if (content.length === 0) {
    throw new Asn1DecodingError('empty integer');
  }
  let first = 0;
  while (first < content.length - 1 && content[first] === 0) first += 1;
  return content.subarray(first).toString('hex').toUpperCase();
}

/** A small non-negative INTEGER (version numbers, path lengths, reason codes). */
export function decodeSmallInteger(bytes: Buffer, node: Asn1Node): number {
  const content = asn1Content(bytes, node);
  if (content.length === 0 || content.length > 6 || (content[0] & 0x80) !== 0) {
    throw new Asn1DecodingError('integer out of the expected range');
  }
  return content.readUIntBE(0, content.length);
}

export function decodeBoolean(bytes: Buffer, node: Asn1Node): boolean {
  const content = asn1Content(bytes, expectTag(node, ASN1_TAG.boolean, 'boolean'));
  if (content.length !== 1) {
    throw new Asn1DecodingError('boolean of the wrong length');
  }
  return content[0] !== 0;
}

/** UTCTime or GeneralizedTime (RFC 5280 §4.1.2.5 forms, plus optional fractional seconds). */
export function decodeTime(bytes: Buffer, node: Asn1Node): Date {
  const text = asn1Content(bytes, node).toString('latin1');
  let match: RegExpExecArray | null;
  let year: number;
  if (node.tag === ASN1_TAG.utcTime) {
    match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text);
    if (!match) throw new Asn1DecodingError(`malformed UTCTime "${text}"`);
    const yy = Number(match[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (node.tag === ASN1_TAG.generalizedTime) {
    match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?Z$/.exec(text);
    if (!match) throw new Asn1DecodingError(`malformed GeneralizedTime "${text}"`);
    year = Number(match[1]);
  } else {
    throw new Asn1DecodingError(`expected a time, found tag 0x${node.tag.toString(16)}`);
  }
  const [, , month, day, hour, minute, second] = match;
  const millis = Date.UTC(
    year,
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second ?? '0'),
  );
  const date = new Date(millis);
  if (Number.isNaN(millis) || date.getUTCMonth() !== Number(month) - 1) {
    throw new Asn1DecodingError(`impossible date "${text}"`);
  }
  return date;
}

/** The string types X.520 names use; anything else is an error rather than a guess. */
export function decodeString(bytes: Buffer, node: Asn1Node): string {
  const content = asn1Content(bytes, node);
  switch (node.tag) {
    case ASN1_TAG.utf8String:
      return content.toString('utf8');
    case ASN1_TAG.printableString:
    case ASN1_TAG.ia5String:
    case ASN1_TAG.teletexString:
      return content.toString('latin1');
    case ASN1_TAG.bmpString:
      return decodeUtf16BigEndian(content);
    case ASN1_TAG.universalString:
      return decodeUtf32BigEndian(content);
    default:
      throw new Asn1DecodingError(`not a string type: tag 0x${node.tag.toString(16)}`);
  }
}

function decodeUtf16BigEndian(content: Buffer): string {
  if (content.length % 2 !== 0) throw new Asn1DecodingError('odd-length BMPString');
  const swapped = Buffer.from(content);
  swapped.swap16();
  return swapped.toString('utf16le');
}

function decodeUtf32BigEndian(content: Buffer): string {
  if (content.length % 4 !== 0)
    throw new Asn1DecodingError('UniversalString length not a multiple of 4');
  let text = '';
  for (let i = 0; i < content.length; i += 4) text += String.fromCodePoint(content.readUInt32BE(i));
  return text;
}

/** BIT STRING content without the leading unused-bits octet. */
export function decodeBitString(
  bytes: Buffer,
  node: Asn1Node,
): { unusedBits: number; data: Buffer } {
  const content = asn1Content(bytes, node);
  if (content.length === 0 || content[0] > 7) {
    throw new Asn1DecodingError('malformed bit string');
  }
  return { unusedBits: content[0], data: content.subarray(1) };
}

/** Whether bit `index` (0 = most significant bit of the first data octet) is set. */
export function isBitSet(data: Buffer, index: number): boolean {
  const octet = index >> 3;
  return octet < data.length && (data[octet] & (0x80 >> (index & 7))) !== 0;
}
