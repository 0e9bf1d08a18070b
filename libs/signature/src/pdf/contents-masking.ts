import type { RawByteRange } from './raw-byte-range-scanner';
import { isPdfWhitespace } from './raw-byte-range-scanner';

const CONTENTS_KEY = Buffer.from('/Contents', 'latin1');
const MARKER_PREFIX = 'DAC5';
const MARKER_DIGITS = 8;
const MARKER_LENGTH = MARKER_PREFIX.length + MARKER_DIGITS;

export interface MaskedContents {
  /**
   * A copy of the file where each /Contents hex string named by a /ByteRange gap is replaced by
   * its marker and spaces: same length, so every offset stays (cross-reference reads use it).
   */
  readonly masked: Buffer;
  /** gap start offset → the hex marker pdf-lib will read as that /Contents value. */
  readonly markerByGapStart: ReadonlyMap<number, string>;
  /**
   * What pdf-lib parses for the revision ending at `length` (the whole file for its length):
   * the masked bytes without the spaces after each marker, which pdf-lib would otherwise skip
   * one call per byte. A gap that straddles `length` keeps the masked bytes as they are.
   */
  readonly graphBytes: (length: number) => Buffer;
}

/**
 * pdf-lib builds every hex string character by character; a signature's /Contents is 16–64 KB
 * of hex, which made parsing cost ten times the whole cryptographic check. The gaps of the raw
 * /ByteRange arrays are therefore replaced, in the copy given to pdf-lib, by `<DAC5nnnnnnnn>`. The marker numbers the gap, so a signature
 * dictionary still proves which gap its own /Contents is: its parsed /Contents must be exactly
 * the marker of the gap its /ByteRange names. The CMS itself is always read from the original.
 */
export function maskSignatureContents(
  bytes: Buffer,
  byteRanges: readonly RawByteRange[],
): MaskedContents {
  const markerByGapStart = new Map<number, string>();
  const fillers: { start: number; end: number }[] = [];
  let masked: Buffer | undefined;
  for (const { values } of byteRanges) {
    if (values.length !== 4) continue;
    const gapStart = values[0] + values[1];
    const gapEnd = values[2];
    if (markerByGapStart.has(gapStart) || !isContentsHexString(bytes, gapStart, gapEnd)) continue;
    if (gapEnd - gapStart < MARKER_LENGTH + 2) continue;
    if (fillers.some((filler) => gapStart < filler.end + 1 && gapEnd > filler.start)) continue;
    const marker = `${MARKER_PREFIX}${markerByGapStart.size.toString(16).toUpperCase().padStart(MARKER_DIGITS, '0')}`;
    masked ??= Buffer.from(bytes);
    masked.fill(0x20, gapStart, gapEnd);
    masked.write(`<${marker}>`, gapStart, 'latin1');
    markerByGapStart.set(gapStart, marker);
    fillers.push({ start: gapStart + MARKER_LENGTH + 2, end: gapEnd });
  }
  const result = masked ?? bytes;
  fillers.sort((x, y) => x.start - y.start);
  return {
    masked: result,
    markerByGapStart,
    graphBytes: (length) => compacted(result, fillers, length),
  };
}

function compacted(
  masked: Buffer,
  fillers: readonly { start: number; end: number }[],
  length: number,
): Buffer {
  const inside = fillers.filter((filler) => filler.end <= length);
  if (
    inside.length === 0 ||
    fillers.some((filler) => filler.start < length && filler.end > length)
  ) {
    return masked.subarray(0, length);
  }
  const parts: Buffer[] = [];
  let from = 0;
  for (const filler of inside) {
    parts.push(masked.subarray(from, filler.start));
    from = filler.end;
  }
  parts.push(masked.subarray(from, length));
  return Buffer.concat(parts);
}

/** `/Contents` (then whitespace) right before `<`, and `>` closing the gap. */
function isContentsHexString(bytes: Buffer, gapStart: number, gapEnd: number): boolean {
  if (gapStart < CONTENTS_KEY.length || gapEnd > bytes.length || gapEnd - gapStart < 2)
    return false;
  if (bytes[gapStart] !== 0x3c || bytes[gapEnd - 1] !== 0x3e) return false;
  let keyEnd = gapStart;
  while (keyEnd > 0 && isPdfWhitespace(bytes[keyEnd - 1])) keyEnd -= 1;
  return bytes.subarray(keyEnd - CONTENTS_KEY.length, keyEnd).equals(CONTENTS_KEY);
}
