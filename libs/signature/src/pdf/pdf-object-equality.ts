import {
  PDFArray,
  PDFDict,
  PDFHexString,
  type PDFName,
  PDFNumber,
  PDFRawStream,
  PDFString,
  type PDFObject,
} from 'pdf-lib';

const MAX_DEPTH = 256;

/**
 * Structural equality of two pdf-lib objects without following references (a reference equals
 * only the same reference; pdf-lib interns PDFRef, PDFName, booleans and null). Strings compare by
 * their bytes, so a literal and a hex string with the same bytes are equal, as for a PDF reader.
 */
export function pdfObjectsEqual(
  a: PDFObject | undefined,
  b: PDFObject | undefined,
  depth = 0,
): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || depth > MAX_DEPTH) return false;
  if (a instanceof PDFNumber && b instanceof PDFNumber) return a.asNumber() === b.asNumber();
  if (
    (a instanceof PDFString || a instanceof PDFHexString) &&
    (b instanceof PDFString || b instanceof PDFHexString)
  ) {
    // Same written text is equal without decoding (hex decoding in pdf-lib is slow).
    if (a.constructor === b.constructor && a.asString() === b.asString()) return true;
    return view(a.asBytes()).equals(view(b.asBytes()));
  }
  if (a instanceof PDFArray && b instanceof PDFArray) {
    if (a.size() !== b.size()) return false;
    for (let i = 0; i < a.size(); i += 1) {
      if (!pdfObjectsEqual(a.get(i), b.get(i), depth + 1)) return false;
    }
    return true;
  }
  if (a instanceof PDFRawStream && b instanceof PDFRawStream) {
    return pdfObjectsEqual(a.dict, b.dict, depth + 1) && view(a.contents).equals(view(b.contents));
  }
  if (a instanceof PDFDict && b instanceof PDFDict) {
    const aEntries = entryMapOf(a);
    const bEntries = entryMapOf(b);
    if (aEntries.size !== bEntries.size) return false;
    for (const [key, value] of aEntries) {
      if (!(b.has(key) && pdfObjectsEqual(value, b.get(key), depth + 1))) return false;
    }
    return true;
  }
  if (a.constructor !== b.constructor) return false;
  // Anything else (invalid objects kept as raw bytes): compare serialisations.
  return serialise(a).equals(serialise(b));
}

/**
 * A dictionary's entries as pdf-lib holds them (its private Map), read without `entries()`, which
 * copies them into a new array of new pairs on every call: comparing two object graphs made
 * thousands of those. Falls back to that copy if a pdf-lib version keeps them otherwise.
 */
function entryMapOf(dict: PDFDict): ReadonlyMap<PDFName, PDFObject> {
  const held = (dict as unknown as { dict?: unknown }).dict;
  return held instanceof Map ? (held as ReadonlyMap<PDFName, PDFObject>) : new Map(dict.entries());
}

function serialise(object: PDFObject): Buffer {
  const buffer = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(buffer, 0);
  return Buffer.from(buffer);
}

/** A Buffer over the same memory (no copy: stream contents may be megabytes). */
function view(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
