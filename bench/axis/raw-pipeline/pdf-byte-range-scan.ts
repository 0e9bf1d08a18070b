import type { SignedByteRange } from '../../verify/raw-signature-math';

const BYTE_RANGE = Buffer.from('/ByteRange');
const NUMBERS = /^\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/;

/**
 * Every `/ByteRange [a b c d]` in a PDF's bytes, by a plain scan: the least a verifier must read
 * of a PDF to know what each signature covers (no object parsing, no cross-reference). The raw
 * pipeline's floor; docaxis' verifier parses the document properly.
 */
export function scanByteRanges(pdf: Buffer): SignedByteRange[] {
  const ranges: SignedByteRange[] = [];
  let at = pdf.indexOf(BYTE_RANGE);
  while (at >= 0) {
    const after = at + BYTE_RANGE.length;
    const match = NUMBERS.exec(pdf.toString('latin1', after, after + 64));
    if (match) {
      const [a, b, c, d] = match.slice(1, 5).map(Number);
      if (c + d <= pdf.length && a + b <= c) ranges.push([a, b, c, d]);
    }
    at = pdf.indexOf(BYTE_RANGE, after);
  }
  return ranges;
}
