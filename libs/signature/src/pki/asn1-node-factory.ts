import forge from 'node-forge';
import { encodeOidContent } from './object-identifier';

/**
 * Small constructors for forge ASN.1 nodes. forge works on "binary strings" (one char per byte);
 * these helpers keep Buffers at the edges so callers never juggle that encoding themselves.
 */
export type Asn1Node = forge.asn1.Asn1;

const { Class, Type } = forge.asn1;

function binary(bytes: Buffer): string {
  return bytes.toString('latin1');
}

export function asn1Sequence(children: Asn1Node[]): Asn1Node {
  return forge.asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, children);
}

/**
 * A DER SET OF: elements are sorted by their encodings (X.690 §11.6), which matters wherever the
 * bytes are signed (CMS signed attributes) or compared (distinguished names).
 */
export function asn1SetOf(children: Asn1Node[]): Asn1Node {
  const sorted = children
    .map((child) => ({ child, der: derOf(child) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map(({ child }) => child);
  return forge.asn1.create(Class.UNIVERSAL, Type.SET, true, sorted);
}

/** OBJECT IDENTIFIER; encoded by hand because forge's encoder overflows on arcs above 2^32. */
export function asn1Oid(oid: string): Asn1Node {
  return forge.asn1.create(Class.UNIVERSAL, Type.OID, false, binary(encodeOidContent(oid)));
}

/** INTEGER from unsigned big-endian magnitude bytes (serial numbers) or a small number. */
export function asn1Integer(value: number | Buffer): Asn1Node {
  return forge.asn1.create(Class.UNIVERSAL, Type.INTEGER, false, binary(integerContent(value)));
}

export function asn1Enumerated(value: number): Asn1Node {
  return forge.asn1.create(Class.UNIVERSAL, Type.ENUMERATED, false, binary(integerContent(value)));
}

export function asn1Boolean(value: boolean): Asn1Node {
  return forge.asn1.create(Class.UNIVERSAL, Type.BOOLEAN, false, value ? '\xff' : '\x00');
}

export function asn1Null(): Asn1Node {
  return forge.asn1.create(Class.UNIVERSAL, Type.NULL, false, '');
}

export function asn1OctetString(bytes: Buffer): Asn1Node {
  return forge.asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, binary(bytes));
}

/** BIT STRING whose content is whole bytes (keys, signatures): zero unused bits. */
export function asn1BitString(bytes: Buffer, unusedBits = 0): Asn1Node {
  return forge.asn1.create(
    Class.UNIVERSAL,
    Type.BITSTRING,
    false,
    binary(Buffer.concat([Buffer.from([unusedBits]), bytes])),
  );
}

export function asn1Utf8String(text: string): Asn1Node {
  return forge.asn1.create(Class.UNIVERSAL, Type.UTF8, false, binary(Buffer.from(text, 'utf8')));
}

export function asn1PrintableString(text: string): Asn1Node {
  return forge.asn1.create(Class.UNIVERSAL, Type.PRINTABLESTRING, false, text);
}

export function asn1Ia5String(text: string): Asn1Node {
  return forge.asn1.create(Class.UNIVERSAL, Type.IA5STRING, false, text);
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050, always in UTC seconds. */
export function asn1Time(date: Date): Asn1Node {
  const whole = new Date(Math.floor(date.getTime() / 1000) * 1000);
  if (whole.getUTCFullYear() < 2050 && whole.getUTCFullYear() >= 1950) {
    return forge.asn1.create(Class.UNIVERSAL, Type.UTCTIME, false, forge.asn1.dateToUtcTime(whole));
  }
  return forge.asn1.create(
    Class.UNIVERSAL,
    Type.GENERALIZEDTIME,
    false,
    forge.asn1.dateToGeneralizedTime(whole),
  );
}

/** GeneralizedTime whatever the year (RFC 5280 §5.3.2 invalidityDate), in UTC seconds. */
export function asn1GeneralizedTime(date: Date): Asn1Node {
  const whole = new Date(Math.floor(date.getTime() / 1000) * 1000);
  return forge.asn1.create(
    Class.UNIVERSAL,
    Type.GENERALIZEDTIME,
    false,
    forge.asn1.dateToGeneralizedTime(whole),
  );
}

/** `[tag] EXPLICIT inner`: a constructed context-specific wrapper around one element. */
export function asn1Explicit(tag: number, inner: Asn1Node): Asn1Node {
  return forge.asn1.create(Class.CONTEXT_SPECIFIC, tag, true, [inner]);
}

/** `[tag] IMPLICIT` of a constructed type (SEQUENCE/SET): same children, context tag. */
export function asn1ImplicitConstructed(tag: number, children: Asn1Node[]): Asn1Node {
  return forge.asn1.create(Class.CONTEXT_SPECIFIC, tag, true, children);
}

/** `[tag] IMPLICIT` of a primitive type (OCTET STRING, IA5String, ...): raw content bytes. */
export function asn1ImplicitPrimitive(tag: number, content: Buffer): Asn1Node {
  return forge.asn1.create(Class.CONTEXT_SPECIFIC, tag, false, binary(content));
}

export function derOf(node: Asn1Node): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'latin1');
}

/**
 * Parses DER someone else produced (node:crypto's SubjectPublicKeyInfo, an issued certificate)
 * so it can be embedded in a larger structure. BIT STRINGs stay opaque, so re-encoding gives the
 * very same bytes.
 */
export function asn1FromDer(der: Buffer): Asn1Node {
  // @types/node-forge only knows the boolean form; the options object is in forge since 0.10.
  const fromDer = forge.asn1.fromDer as unknown as (
    bytes: string,
    options: { strict: boolean; decodeBitStrings: boolean; parseAllBytes: boolean },
  ) => Asn1Node;
  return fromDer(binary(der), { strict: true, decodeBitStrings: false, parseAllBytes: true });
}

/** Minimal two's-complement content of a non-negative integer. */
function integerContent(value: number | Buffer): Buffer {
  const magnitude = typeof value === 'number' ? unsignedBytesOf(value) : value;
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start += 1;
  let content = magnitude.subarray(start);
  if (content.length === 0) content = Buffer.from([0]);
  return content[0] & 0x80 ? Buffer.concat([Buffer.from([0]), content]) : content;
}

function unsignedBytesOf(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`ASN.1 integer out of range: ${value}`);
  }
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}
