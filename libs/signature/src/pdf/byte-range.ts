/** `/ByteRange [a b c d]`: the signed bytes are [a, a+b) and [c, c+d); the gap is /Contents. */
export type ByteRange = readonly [number, number, number, number];

/** Views of the two signed slices (no copy): what the messageDigest must be computed over. */
export function signedSlices(bytes: Buffer, [a, b, c, d]: ByteRange): [Buffer, Buffer] {
  return [bytes.subarray(a, a + b), bytes.subarray(c, c + d)];
}

export function signedLength([, , c, d]: ByteRange): number {
  return c + d;
}

/** Whether an offset lies in one of the two signed slices. */
export function isInsideSignedBytes([a, b, c, d]: ByteRange, offset: number): boolean {
  return (offset >= a && offset < a + b) || (offset >= c && offset < c + d);
}
