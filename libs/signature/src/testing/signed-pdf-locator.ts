/** Where one signature sits in a PDF file, as found by a byte-level scan. */
export interface LocatedSignature {
  /** `[a, b, c, d]`: bytes a..a+b and c..c+d are signed. */
  byteRange: [number, number, number, number];
  /** Offset of the `/ByteRange` key and just after the array's closing bracket. */
  byteRangeKeyStart: number;
  byteRangeEnd: number;
  /** Offset of the `<` opening the /Contents hex string, and just after its `>`. */
  contentsStart: number;
  contentsEnd: number;
  /** The CMS DER, zero padding removed (all decoded bytes when its header is unreadable). */
  cms: Buffer;
  /** The bytes the signature covers, concatenated. */
  signedContent: () => Buffer;
}

/**
 * Finds signatures by scanning for `/ByteRange [a b c d]` whose gap is a hex string: enough for
 * the fixtures this folder writes and for extracting CMS blobs for external oracles. It is not
 * a PDF parser (the verifier has its own); signatures come back in file order.
 */
export function locateSignatures(pdf: Buffer): LocatedSignature[] {
  const text = pdf.toString('latin1');
  const pattern = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  const found: LocatedSignature[] = [];
  for (const match of text.matchAll(pattern)) {
    const byteRange = match.slice(1, 5).map(Number) as [number, number, number, number];
    const [a, b, c, d] = byteRange;
    const contentsStart = a + b;
    if (text[contentsStart] !== '<' || text[c - 1] !== '>' || c + d > pdf.length) continue;
    const hex = text.slice(contentsStart + 1, c - 1);
    found.push({
      byteRange,
      byteRangeKeyStart: match.index,
      byteRangeEnd: match.index + match[0].length,
      contentsStart,
      contentsEnd: c,
      cms: trimToDerLength(Buffer.from(hex, 'hex')),
      signedContent: () => Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]),
    });
  }
  return found;
}

/** Cuts the zero padding after a DER SEQUENCE using its own length header. */
function trimToDerLength(bytes: Buffer): Buffer {
  if (bytes.length < 2 || bytes[0] !== 0x30) return bytes;
  const first = bytes[1];
  if (first < 0x80) return bytes.subarray(0, Math.min(bytes.length, 2 + first));
  const lengthBytes = first & 0x7f;
  if (lengthBytes === 0 || lengthBytes > 4 || bytes.length < 2 + lengthBytes) return bytes;
  const length = bytes.readUIntBE(2, lengthBytes);
  return bytes.subarray(0, Math.min(bytes.length, 2 + lengthBytes + length));
}
