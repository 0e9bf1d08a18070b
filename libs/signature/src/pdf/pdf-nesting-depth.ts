import { PdfStructureError } from './pdf-structure-error';
import { isPdfWhitespace } from './raw-byte-range-scanner';
import { indexOfBytes } from './byte-search';

const STREAM = Buffer.from('stream', 'latin1');
const ENDSTREAM = Buffer.from('endstream', 'latin1');

/** What a document nested deeper than `maxDepth` fails with, wherever that is found. */
export function nestingTooDeep(maxDepth: number): PdfStructureError {
  return new PdfStructureError(
    'PDF_NESTING_TOO_DEEP',
    `arrays or dictionaries are nested more than ${maxDepth} levels deep`,
  );
}

/**
 * Refuses arrays and dictionaries nested deeper than `maxDepth` in PDF syntax that pdf-lib
 * parses without our parser (decoded object streams; the file itself is bounded by
 * MaskedPdfParser as it parses). pdf-lib parses them recursively and so does every later walk
 * of the object graph, so a few kilobytes of `[[[[…` could otherwise exhaust the stack. A
 * heuristic: one linear pass over the syntax: literal strings (with
 * escapes and balanced parentheses), hex strings, comments and stream data are skipped. Only a
 * `stream` keyword that follows a dictionary is stream data, as for pdf-lib: a bare `stream`
 * between objects is jumped over by pdf-lib's parser, which then parses what follows it, so
 * that must be counted too.
 */
export function assertNestingDepth(bytes: Buffer, maxDepth: number): void {
  let depth = 0;
  let i = 0;
  const length = bytes.length;
  // The last token closed a dictionary (whitespace and comments may follow it).
  let afterDictionary: boolean = false;
  while (i < length) {
    const byte = bytes[i];
    if (isPdfWhitespace(byte)) {
      i += 1;
      continue;
    }
    const closesDictionary = byte === 0x3e /* > */ && bytes[i + 1] === 0x3e;
    const mayOpenStream: boolean = afterDictionary;
    afterDictionary = closesDictionary;
    if (byte === 0x5b /* [ */ || (byte === 0x3c /* < */ && bytes[i + 1] === 0x3c)) {
      depth += 1;
      if (depth > maxDepth) throw nestingTooDeep(maxDepth);
      i += byte === 0x5b ? 1 : 2;
    } else if (byte === 0x5d /* ] */ || closesDictionary) {
      depth = Math.max(0, depth - 1);
      i += byte === 0x5d ? 1 : 2;
    } else if (byte === 0x3c /* < hex string */) {
      const end = bytes.indexOf(0x3e, i + 1);
      i = end === -1 ? length : end + 1;
    } else if (byte === 0x28 /* ( */) {
      i = skipLiteralString(bytes, i);
    } else if (byte === 0x25 /* % comment */) {
      while (i < length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i += 1;
      afterDictionary = mayOpenStream;
    } else if (byte === 0x73 /* s */ && mayOpenStream && isKeywordAt(bytes, i, STREAM)) {
      // Stream data is opaque: jump to its end (a nested object closing is not data).
      const end = indexOfBytes(bytes, ENDSTREAM, i + STREAM.length);
      i = end === -1 ? length : end + ENDSTREAM.length;
      depth = 0;
    } else {
      i += 1;
    }
  }
}

function skipLiteralString(bytes: Buffer, start: number): number {
  let open = 0;
  let i = start;
  while (i < bytes.length) {
    const byte = bytes[i];
    if (byte === 0x5c /* \ */) {
      i += 2;
      continue;
    }
    if (byte === 0x28) open += 1;
    else if (byte === 0x29 && --open === 0) return i + 1;
    i += 1;
  }
  return i;
}

/** `stream` as a keyword: not the tail of `endstream`, followed by an end of line. */
function isKeywordAt(bytes: Buffer, at: number, keyword: Buffer): boolean {
  if (!bytes.subarray(at, at + keyword.length).equals(keyword)) return false;
  const before = bytes[at - 1];
  const after = bytes[at + keyword.length];
  return (before === undefined || !isRegularLetter(before)) && (after === 0x0d || after === 0x0a);
}

function isRegularLetter(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}
