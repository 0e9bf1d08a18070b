import { Asn1DecodingError } from './asn1-decoding-error';

/**
 * One BER/DER TLV located by byte offsets in the buffer it was read from. Offsets (rather than a
 * re-encodable tree, as node-forge builds) let us hash or verify the exact bytes a signer produced:
 * the signed attributes, a certificate's TBS part, a CRL's TBS part.
 */
export interface Asn1Node {
  /** First identifier octet: class bits, constructed bit and tag number (< 31). */
  readonly tag: number;
  /** Offset of the identifier octet. */
  readonly start: number;
  readonly contentStart: number;
  /** Exclusive; for an indefinite length it excludes the end-of-contents octets. */
  readonly contentEnd: number;
  /** Exclusive end of the whole TLV. */
  readonly end: number;
  /** Children of a constructed node; empty for a primitive one (its content is not decoded). */
  readonly children: readonly Asn1Node[];
}

export const ASN1_TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  enumerated: 0x0a,
  utf8String: 0x0c,
  printableString: 0x13,
  teletexString: 0x14,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  universalString: 0x1c,
  bmpString: 0x1e,
  sequence: 0x30,
  set: 0x31,
} as const;

/** `[n]` constructed (EXPLICIT, or IMPLICIT over a constructed type). */
export function contextConstructed(tagNumber: number): number {
  return 0xa0 | tagNumber;
}

/** `[n]` primitive (IMPLICIT over a primitive type). */
export function contextPrimitive(tagNumber: number): number {
  return 0x80 | tagNumber;
}

export interface Asn1ReadLimits {
  /** Nesting depth: X.509 and CMS stay well below 30; a crafted blob must not blow the stack. */
  maxDepth: number;
  /** Total nodes decoded for one call. */
  maxNodes: number;
}

const DEFAULT_LIMITS: Asn1ReadLimits = { maxDepth: 64, maxNodes: 200_000 };

/**
 * Decodes the single TLV at `offset` (its children recursively), accepting BER indefinite lengths
 * for constructed values. Trailing bytes after it are the caller's business.
 */
export function readAsn1(
  bytes: Buffer,
  offset = 0,
  limits: Asn1ReadLimits = DEFAULT_LIMITS,
): Asn1Node {
  const budget = { nodes: 0 };
  return readNode(bytes, offset, bytes.length, 0, limits, budget);
}

/** Decodes `bytes` as exactly one TLV; trailing bytes are an error. */
export function readAsn1Exact(bytes: Buffer, limits: Asn1ReadLimits = DEFAULT_LIMITS): Asn1Node {
  const node = readAsn1(bytes, 0, limits);
  if (node.end !== bytes.length) {
    throw new Asn1DecodingError(`${bytes.length - node.end} unexpected bytes after the value`);
  }
  return node;
}

function readNode(
  bytes: Buffer,
  offset: number,
  limit: number,
  depth: number,
  limits: Asn1ReadLimits,
  budget: { nodes: number },
): Asn1Node {
  if (depth > limits.maxDepth) {
    throw new Asn1DecodingError(`nesting deeper than ${limits.maxDepth} levels`);
  }
  budget.nodes += 1;
  if (budget.nodes > limits.maxNodes) {
    throw new Asn1DecodingError(`more than ${limits.maxNodes} values`);
  }
  if (offset + 2 > limit) {
    throw new Asn1DecodingError(`value header at offset ${offset} runs past the end`);
  }
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) {
    throw new Asn1DecodingError(`high tag numbers are not used here (offset ${offset})`);
  }
  const constructed = (tag & 0x20) !== 0;
  const firstLengthByte = bytes[offset + 1];
  let contentStart = offset + 2;

  if (firstLengthByte === 0x80) {
    if (!constructed) {
      throw new Asn1DecodingError(`indefinite length on a primitive value (offset ${offset})`);
    }
    const children: Asn1Node[] = [];
    let cursor = contentStart;
    for (;;) {
      if (cursor + 2 > limit) {
        throw new Asn1DecodingError(`missing end-of-contents for value at offset ${offset}`);
      }
      if (bytes[cursor] === 0 && bytes[cursor + 1] === 0) {
        return { tag, start: offset, contentStart, contentEnd: cursor, end: cursor + 2, children };
      }
      const child = readNode(bytes, cursor, limit, depth + 1, limits, budget);
      children.push(child);
      cursor = child.end;
    }
  }

  let length: number;
  if (firstLengthByte < 0x80) {
    length = firstLengthByte;
  } else {
    const lengthOctets = firstLengthByte & 0x7f;
    if (lengthOctets > 4) {
      throw new Asn1DecodingError(`length of ${lengthOctets} octets at offset ${offset}`);
    }
    if (contentStart + lengthOctets > limit) {
      throw new Asn1DecodingError(`length at offset ${offset} runs past the end`);
    }
    length = 0;
    for (let i = 0; i < lengthOctets; i += 1) {
      length = length * 256 + bytes[contentStart + i];
    }
    contentStart += lengthOctets;
  }
  const contentEnd = contentStart + length;
  if (contentEnd > limit) {
    throw new Asn1DecodingError(
      `value at offset ${offset} claims ${length} bytes, only ${limit - contentStart} remain`,
    );
  }
  if (!constructed) {
    return { tag, start: offset, contentStart, contentEnd, end: contentEnd, children: [] };
  }
  const children: Asn1Node[] = [];
  let cursor = contentStart;
  while (cursor < contentEnd) {
    const child = readNode(bytes, cursor, contentEnd, depth + 1, limits, budget);
    children.push(child);
    cursor = child.end;
  }
  return { tag, start: offset, contentStart, contentEnd, end: contentEnd, children };
}

/** The content octets of a node (a view, no copy). */
export function asn1Content(bytes: Buffer, node: Asn1Node): Buffer {
  return bytes.subarray(node.contentStart, node.contentEnd);
}

/** The whole encoding of a node, header included (a view, no copy). */
export function asn1Encoding(bytes: Buffer, node: Asn1Node): Buffer {
  return bytes.subarray(node.start, node.end);
}

/** Asserts the node's tag and returns it, so structure checks read top-down. */
export function expectTag(node: Asn1Node | undefined, tag: number, what: string): Asn1Node {
  if (!node) {
    throw new Asn1DecodingError(`${what} is missing`);
  }
  if (node.tag !== tag) {
    throw new Asn1DecodingError(
      `${what}: expected tag 0x${tag.toString(16)}, found 0x${node.tag.toString(16)}`,
    );
  }
  return node;
}
