import type { ByteRange } from './byte-range';
import { isPdfWhitespace } from './raw-byte-range-scanner';

export type ContentsReadResult =
  | {
      readonly ok: true;
      /** The DER SignedData, padding stripped. */
      readonly cms: Buffer;
      /** The hex digits between `<` and `>`, as written (compared with pdf-lib's view). */
      readonly hexText: string;
      /** Bytes after the DER that are not zero: harmless (unsigned) but unusual. */
      readonly nonZeroPadding: boolean;
    }
  | {
      readonly ok: false;
      readonly code: 'CONTENTS_NOT_HEX_STRING' | 'CONTENTS_MISMATCH';
      readonly text: string;
    };

const CONTENTS_KEY = '/Contents';

/**
 * Reads the signature value from the /ByteRange gap in the raw bytes: the gap must be exactly one
 * hex string (`<`, an even number of hex digits, `>`) that is the value of a `/Contents` key.
 * Node's hex decoder silently stops at the first bad digit, so every digit is checked first.
 */
export function readSignatureContents(bytes: Buffer, [a, b, c]: ByteRange): ContentsReadResult {
  const gapStart = a + b;
  if (c - gapStart < 2 || bytes[gapStart] !== 0x3c /* < */ || bytes[c - 1] !== 0x3e /* > */) {
    return {
      ok: false,
      code: 'CONTENTS_NOT_HEX_STRING',
      text: 'the /ByteRange gap is not a hex string <...>',
    };
  }
  let keyEnd = gapStart;
  while (keyEnd > 0 && isPdfWhitespace(bytes[keyEnd - 1])) keyEnd -= 1;
  if (
    keyEnd < CONTENTS_KEY.length ||
    bytes.toString('latin1', keyEnd - CONTENTS_KEY.length, keyEnd) !== CONTENTS_KEY
  ) {
    return {
      ok: false,
      code: 'CONTENTS_MISMATCH',
      text: 'the /ByteRange gap is not the value of /Contents',
    };
  }
  const digitsStart = gapStart + 1;
  const digitsEnd = c - 1;
  if ((digitsEnd - digitsStart) % 2 !== 0) {
    return {
      ok: false,
      code: 'CONTENTS_NOT_HEX_STRING',
      text: '/Contents has an odd number of hex digits',
    };
  }
  const hexText = bytes.toString('latin1', digitsStart, digitsEnd);
  return (
    decodedWhenZeroPadded(bytes, digitsStart, digitsEnd, hexText) ??
    decodeEveryDigit(bytes, digitsStart, hexText)
  );
}

/**
 * The common case, decoded without decoding the reserved padding: a DER value whose every
 * following digit is `0`. Signers reserve several times the CMS's size, so decoding and scanning
 * all of it cost more than the rest of reading the signature. Exactly what decodeEveryDigit
 * returns for such a value (every digit valid, the padding all zero bytes); undefined for any
 * other /Contents, which decodeEveryDigit then reads.
 */
function decodedWhenZeroPadded(
  bytes: Buffer,
  digitsStart: number,
  digitsEnd: number,
  hexText: string,
): ContentsReadResult | undefined {
  const header = Buffer.from(hexText.slice(0, 2 * DER_HEADER_MAX_BYTES), 'hex');
  if (header.length * 2 !== Math.min(hexText.length, 2 * DER_HEADER_MAX_BYTES)) return undefined;
  const derLength = outerDerLength(header, hexText.length / 2);
  if (derLength === undefined) return undefined;
  const paddingStart = digitsStart + 2 * derLength;
  if (!isAllZeroDigits(bytes, paddingStart, digitsEnd)) return undefined;
  const cms = Buffer.from(hexText.slice(0, 2 * derLength), 'hex');
  if (cms.length !== derLength) return undefined;
  return { ok: true, cms, hexText, nonZeroPadding: false };
}

/** Every digit decoded, the DER's padding scanned for non-zero bytes. */
function decodeEveryDigit(bytes: Buffer, digitsStart: number, hexText: string): ContentsReadResult {
  // Node's hex decoder stops at the first invalid pair: a short result means a bad digit.
  const decoded = Buffer.from(hexText, 'hex');
  if (decoded.length * 2 !== hexText.length) {
    const bad =
      digitsStart +
      decoded.length * 2 +
      (isHexDigit(bytes[digitsStart + decoded.length * 2]) ? 1 : 0);
    return {
      ok: false,
      code: 'CONTENTS_NOT_HEX_STRING',
      text: `/Contents holds a non-hex character at offset ${bad}`,
    };
  }
  const derLength = outerDerLength(decoded, decoded.length);
  const cms = derLength === undefined ? decoded : decoded.subarray(0, derLength);
  let nonZeroPadding = false;
  for (let i = cms.length; i < decoded.length; i += 1) {
    if (decoded[i] !== 0) {
      nonZeroPadding = true;
      break;
    }
  }
  return { ok: true, cms, hexText, nonZeroPadding };
}

/** The tag, one length octet and up to four more: all outerDerLength reads. */
const DER_HEADER_MAX_BYTES = 6;
/** 64 KiB of the digit `0`, compared natively against the padding chunk by chunk. */
const ZERO_DIGITS = Buffer.alloc(64 * 1024, 0x30);

/** `bytes[start, end)` are all the digit `0`. */
function isAllZeroDigits(bytes: Buffer, start: number, end: number): boolean {
  for (let at = start; at < end; at += ZERO_DIGITS.length) {
    const chunkEnd = Math.min(end, at + ZERO_DIGITS.length);
    if (!bytes.subarray(at, chunkEnd).equals(ZERO_DIGITS.subarray(0, chunkEnd - at))) return false;
  }
  return true;
}

/**
 * Length of the outer definite-length DER value, so the zero padding signers reserve after it
 * is dropped; undefined when the header is not a definite SEQUENCE (the CMS parser reports it).
 * `decoded` holds at least the first DER_HEADER_MAX_BYTES of the `totalLength` decoded bytes.
 */
function outerDerLength(decoded: Buffer, totalLength: number): number | undefined {
  if (totalLength < 2 || decoded[0] !== 0x30) return undefined;
  const first = decoded[1];
  if (first < 0x80) return Math.min(totalLength, 2 + first);
  const octets = first & 0x7f;
  if (octets === 0 || octets > 4 || totalLength < 2 + octets) return undefined;
  let length = 0;
  for (let i = 0; i < octets; i += 1) length = length * 256 + decoded[2 + i];
  return Math.min(totalLength, 2 + octets + length);
}

function isHexDigit(byte: number): boolean {
  return (
    (byte >= 0x30 && byte <= 0x39) ||
    (byte >= 0x41 && byte <= 0x46) ||
    (byte >= 0x61 && byte <= 0x66)
  );
}
