import { constants, inflateSync } from 'node:zlib';
import type { PdfLimits } from './pdf-limits';
import { assertNestingDepth } from './pdf-nesting-depth';
import { PdfStructureError } from './pdf-structure-error';
import { isPdfWhitespace } from './raw-byte-range-scanner';
import { indexOfBytes } from './byte-search';

const OBJ = Buffer.from('obj', 'latin1');
const STREAM = Buffer.from('stream', 'latin1');
const ENDSTREAM = Buffer.from('endstream', 'latin1');
const OBJECT_STREAM_TYPE = Buffer.from('/ObjStm', 'latin1');
const DECODED_STREAM_TYPES = [OBJECT_STREAM_TYPE, Buffer.from('/XRef', 'latin1')];
/** How far around a type name we look for its object header and `stream` keyword. */
const DICTIONARY_WINDOW = 4096;

/**
 * Checks, before pdf-lib sees the bytes, what pdf-lib would otherwise do without bounds: count
 * indirect objects, and inflate object and cross-reference streams (pdf-lib decodes them while
 * parsing, so a deflate bomb there would fill memory), and bound the nesting inside object
 * streams (the file's own syntax is bounded by MaskedPdfParser while it parses). Only these
 * stream types are decoded at load time; page content is never inflated by the verifier.
 */
export function prescanPdfResources(bytes: Buffer, limits: PdfLimits): void {
  let objects = countObjectHeaders(bytes);
  let decodedBudget = limits.maxDecodedStreamBytes;
  for (const typeName of DECODED_STREAM_TYPES) {
    let at = bytes.indexOf(typeName);
    while (at !== -1) {
      const stream = locateStream(bytes, at);
      if (stream) {
        objects += stream.declaredObjects;
        const decoded = decode(
          bytes.subarray(stream.dataStart, stream.dataEnd),
          stream.dictionary,
          decodedBudget,
        );
        decodedBudget -= decoded.length;
        // Objects packed in an object stream are parsed as deeply as loose ones (xref stream
        // data is binary, not syntax).
        if (typeName === OBJECT_STREAM_TYPE) assertNestingDepth(decoded, limits.maxNestingDepth);
      }
      if (objects > limits.maxObjects) {
        throw new PdfStructureError(
          'PDF_TOO_MANY_OBJECTS',
          `the PDF declares more than ${limits.maxObjects} objects`,
        );
      }
      at = bytes.indexOf(typeName, at + typeName.length);
    }
  }
  if (objects > limits.maxObjects) {
    throw new PdfStructureError(
      'PDF_TOO_MANY_OBJECTS',
      `the PDF declares more than ${limits.maxObjects} objects`,
    );
  }
}

/** `N G obj` headers, counted loosely (an `obj` after whitespace after a digit). */
function countObjectHeaders(bytes: Buffer): number {
  let count = 0;
  let at = bytes.indexOf(OBJ);
  while (at !== -1) {
    let i = at - 1;
    let sawSpace = false;
    while (i >= 0 && isPdfWhitespace(bytes[i])) {
      i -= 1;
      sawSpace = true;
    }
    if (sawSpace && i >= 0 && bytes[i] >= 0x30 && bytes[i] <= 0x39) count += 1;
    at = bytes.indexOf(OBJ, at + OBJ.length);
  }
  return count;
}

function locateStream(
  bytes: Buffer,
  typeAt: number,
): { dictionary: string; dataStart: number; dataEnd: number; declaredObjects: number } | undefined {
  const headerAt = bytes.lastIndexOf(OBJ, typeAt);
  const streamAt = bytes.indexOf(STREAM, typeAt);
  if (
    headerAt === -1 ||
    streamAt === -1 ||
    typeAt - headerAt > DICTIONARY_WINDOW ||
    streamAt - typeAt > DICTIONARY_WINDOW
  ) {
    return undefined;
  }
  const dictionary = bytes.toString('latin1', headerAt, streamAt);
  if (!dictionary.includes('>>')) return undefined;
  let dataStart = streamAt + STREAM.length;
  if (bytes[dataStart] === 0x0d) dataStart += 1;
  if (bytes[dataStart] === 0x0a) dataStart += 1;
  const directLength = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary);
  const endstream = indexOfBytes(bytes, ENDSTREAM, dataStart);
  const dataEnd = directLength
    ? Math.min(bytes.length, dataStart + Number(directLength[1]))
    : endstream === -1
      ? bytes.length
      : endstream;
  const count = /\/N\s+(\d+)/.exec(dictionary);
  return { dictionary, dataStart, dataEnd, declaredObjects: count ? Number(count[1]) : 0 };
}

function decode(data: Buffer, dictionary: string, budget: number): Buffer {
  const filters = [
    ...dictionary.matchAll(
      /\/(FlateDecode|Fl|LZWDecode|LZW|ASCII85Decode|A85|ASCIIHexDecode|AHx|RunLengthDecode|RL)\b/g,
    ),
  ].map((match) => match[1]);
  if (filters.length === 0) return data;
  if (filters.some((filter) => filter !== 'FlateDecode' && filter !== 'Fl')) {
    // Legitimate writers compress object and xref streams with Flate only; other filters could
    // expand without a bound we can check cheaply.
    throw new PdfStructureError(
      'PDF_UNPARSEABLE',
      `an object or cross-reference stream uses filter(s) ${filters.join(', ')}`,
    );
  }
  try {
    return inflateSync(data, {
      maxOutputLength: Math.max(1, budget),
      finishFlush: constants.Z_SYNC_FLUSH,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PdfStructureError(
        'PDF_STREAM_TOO_LARGE',
        'object or cross-reference streams inflate beyond the allowed size',
      );
    }
    return Buffer.alloc(0); // corrupt data: pdf-lib will fail on it too, which the loader reports
  }
}
