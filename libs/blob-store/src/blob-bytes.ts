/**
 * A blob's bytes: whole, or in the pieces they arrived in (a multipart file part as the request
 * delivered it). Pieces are never joined just to be hashed, checked or stored.
 */
export type BlobBytes = Buffer | readonly Buffer[];

/** How many bytes there are in all. */
export function byteLengthOf(bytes: BlobBytes): number {
  if (Buffer.isBuffer(bytes)) return bytes.length;
  let length = 0;
  for (const piece of bytes) length += piece.length;
  return length;
}

/** The first `count` bytes (fewer if there are fewer), copied only when they span pieces. */
export function leadingBytesOf(bytes: BlobBytes, count: number): Buffer {
  if (Buffer.isBuffer(bytes)) return bytes.subarray(0, count);
  const first = bytes[0];
  if (first !== undefined && first.length >= count) return first.subarray(0, count);
  return Buffer.concat(bytes, Math.min(count, byteLengthOf(bytes)));
}
