import type { RawByteRange } from './raw-byte-range-scanner';
import { isPdfWhitespace } from './raw-byte-range-scanner';

const CONTENTS_KEY = Buffer.from('/Contents', 'latin1');
const MARKER_PREFIX = 'DAC5';
const MARKER_DIGITS = 8;
/**
 * Ends every marker: `>` closes a hex string as written, so no hex string in the file reads as a
 * marker. Without it `<DAC500000001>` written in a forged signature dictionary that copies a real
 * signature's /ByteRange read as that gap's marker, and passed for the real signature's value.
 */
const MARKER_END = '>';
/** `<`, the marker's prefix and digits, `>`: a shorter gap is not masked (it could not hold them). */
const MASKED_HEX_STRING_LENGTH = MARKER_PREFIX.length + MARKER_DIGITS + 2;

export interface MaskedHexString {
  /** The hex string value pdf-lib is given instead of the gap's digits. */
  readonly marker: string;
  /** Where parsing resumes: the end of the gap (or of the bytes parsed, if the gap runs past). */
  readonly resumeAt: number;
}

/**
 * pdf-lib builds every hex string character by character; a signature's /Contents is 16–64 KB
 * of hex, which made parsing cost ten times the whole cryptographic check. So every parse of the
 * file's objects (pdf-lib's graph, the cross-reference reader) reads the hex string that opens a
 * raw /ByteRange gap as a marker, `DAC5nnnnnnnn>`, and resumes after the gap, without reading
 * its digits (see MaskedPdfParser). The marker numbers the gap, so a signature dictionary still
 * proves which gap its own /Contents is: its parsed /Contents must be exactly the marker of the
 * gap its /ByteRange names. The CMS itself is always read from the bytes. Nothing is copied:
 * the masks are offsets, the parsers read the file itself.
 */
export class SignatureContentsMasks {
  /** gap start offset → the hex marker pdf-lib reads as that /Contents value. */
  readonly markerByGapStart: ReadonlyMap<number, string>;

  private constructor(private readonly gapEndByStart: ReadonlyMap<number, number>) {
    this.markerByGapStart = new Map(
      [...gapEndByStart.keys()].map((start, index) => [
        start,
        `${MARKER_PREFIX}${index.toString(16).toUpperCase().padStart(MARKER_DIGITS, '0')}${MARKER_END}`,
      ]),
    );
  }

  /** No gap masked: parsers read every hex string as written. */
  static readonly NONE = new SignatureContentsMasks(new Map());

  /**
   * The masks of the /Contents gaps of `byteRanges`: a gap is masked when it is a hex string
   * that is the value of a `/Contents` key, long enough for the marker, and not overlapping a
   * gap masked before it (the first /ByteRange written wins).
   */
  static of(bytes: Buffer, byteRanges: readonly RawByteRange[]): SignatureContentsMasks {
    const gapEndByStart = new Map<number, number>();
    for (const { values } of byteRanges) {
      if (values.length !== 4) continue;
      const gapStart = values[0] + values[1];
      const gapEnd = values[2];
      if (gapEndByStart.has(gapStart) || !isContentsHexString(bytes, gapStart, gapEnd)) continue;
      if (gapEnd - gapStart < MASKED_HEX_STRING_LENGTH) continue;
      if ([...gapEndByStart].some(([start, end]) => gapStart < end && gapEnd > start)) continue;
      gapEndByStart.set(gapStart, gapEnd);
    }
    return new SignatureContentsMasks(gapEndByStart);
  }

  /**
   * The masked reading of a hex string that starts at `offset`, in bytes parsed up to `limit`
   * (an earlier revision is a prefix of the file). A gap that runs past `limit` still reads as
   * its marker when the marker fits, then resumes at `limit`.
   */
  hexStringAt(offset: number, limit: number): MaskedHexString | undefined {
    const end = this.gapEndByStart.get(offset);
    const marker = this.markerByGapStart.get(offset);
    if (end === undefined || marker === undefined || offset + MASKED_HEX_STRING_LENGTH > limit) {
      return undefined;
    }
    return { marker, resumeAt: Math.min(end, limit) };
  }
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
