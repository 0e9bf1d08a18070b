import { indexOfBytes } from './byte-search';

const BYTE_RANGE_KEY = Buffer.from('/ByteRange', 'latin1');

export interface RawByteRange {
  /** Offset of the `/ByteRange` key. */
  readonly position: number;
  readonly values: readonly number[];
}

/**
 * Every `/ByteRange [n n n n]` written in the file as plain text. pdf-lib hands us numbers, not
 * where they are; the verifier needs both the values as written and their position (the
 * signature dictionary must lie inside the bytes it signs). Occurrences that are not a plain
 * array of integers (inside streams, placeholders) are skipped.
 */
export function scanRawByteRanges(bytes: Buffer, maxOccurrences = 1000): RawByteRange[] {
  const found: RawByteRange[] = [];
  let at = indexOfBytes(bytes, BYTE_RANGE_KEY);
  while (at !== -1 && found.length < maxOccurrences) {
    const values = readIntegerArray(bytes, at + BYTE_RANGE_KEY.length);
    if (values) found.push({ position: at, values });
    at = indexOfBytes(bytes, BYTE_RANGE_KEY, at + BYTE_RANGE_KEY.length);
  }
  return found;
}

function readIntegerArray(bytes: Buffer, from: number): number[] | undefined {
  let i = skipWhitespace(bytes, from);
  if (bytes[i] !== 0x5b /* [ */) return undefined;
  i += 1;
  const values: number[] = [];
  for (;;) {
    i = skipWhitespace(bytes, i);
    if (bytes[i] === 0x5d /* ] */) return values;
    const start = i;
    while (i < bytes.length && bytes[i] >= 0x30 && bytes[i] <= 0x39 && i - start < 16) i += 1;
    if (i === start || values.length >= 8) return undefined;
    values.push(Number(bytes.toString('latin1', start, i)));
  }
}

export function isPdfWhitespace(byte: number): boolean {
  return (
    byte === 0x20 ||
    byte === 0x0a ||
    byte === 0x0d ||
    byte === 0x09 ||
    byte === 0x0c ||
    byte === 0x00
  );
}

function skipWhitespace(bytes: Buffer, from: number): number {
  let i = from;
  while (i < bytes.length && isPdfWhitespace(bytes[i])) i += 1;
  return i;
}
