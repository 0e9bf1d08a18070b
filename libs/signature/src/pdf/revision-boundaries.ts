const EOF_MARKER = Buffer.from('%%EOF', 'latin1');

/**
 * End offsets of the file's revisions: just after each `%%EOF` and the end-of-line that follows
 * it. A `%%EOF` inside binary stream data would add a spurious boundary; boundaries are only used
 * to describe coverage and to find data after the last revision, where that does no harm.
 */
export function findRevisionEnds(bytes: Buffer): number[] {
  const ends: number[] = [];
  let at = bytes.indexOf(EOF_MARKER);
  while (at !== -1) {
    let end = at + EOF_MARKER.length;
    if (bytes[end] === 0x0d) end += 1;
    if (bytes[end] === 0x0a) end += 1;
    ends.push(end);
    at = bytes.indexOf(EOF_MARKER, end);
  }
  return ends;
}

/**
 * Whether anything but whitespace or NUL padding follows the last `%%EOF`: that is a truncated
 * incremental update (or appended junk), which no signature covers and no reader agrees on.
 */
export function hasDataAfterLastRevision(bytes: Buffer, revisionEnds: readonly number[]): boolean {
  const last = revisionEnds.length > 0 ? revisionEnds[revisionEnds.length - 1] : 0;
  for (let i = last; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (
      byte !== 0x20 &&
      byte !== 0x0a &&
      byte !== 0x0d &&
      byte !== 0x09 &&
      byte !== 0x0c &&
      byte !== 0x00
    ) {
      return true;
    }
  }
  return false;
}

/**
 * 1-based number of the revision a signed length ends, or undefined when it ends none. A signed
 * length just before the end-of-line of a `%%EOF` counts: a writer may sign before adding it.
 */
export function revisionEndingAt(
  bytes: Buffer,
  revisionEnds: readonly number[],
  signedLength: number,
): number | undefined {
  const index = revisionEnds.findIndex(
    (end) =>
      end === signedLength ||
      (end > signedLength &&
        end - signedLength <= 2 &&
        bytes.subarray(signedLength, end).every((byte) => byte === 0x0a || byte === 0x0d) &&
        bytes.toString('latin1', signedLength - 5, signedLength) === '%%EOF'),
  );
  return index === -1 ? undefined : index + 1;
}
