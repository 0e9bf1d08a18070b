import { constants, inflateSync } from 'node:zlib';
import { PDFArray, PDFNumber, type PDFObject, type PDFRawStream } from 'pdf-lib';
import type { PdfLimits } from './pdf-limits';
import { assertNestingDepth } from './pdf-nesting-depth';
import { PdfStructureError } from './pdf-structure-error';
import { pdfName } from './pdf-names';

const FLATE_FILTERS: ReadonlySet<PDFObject> = new Set([pdfName('FlateDecode'), pdfName('Fl')]);

/**
 * Bounds what pdf-lib decodes while it parses: object streams and cross-reference streams,
 * which it inflates as soon as it has read them, without any limit (a deflate bomb there would
 * fill memory), and the objects an object stream declares. MaskedPdfParser hands over each
 * stream it has just built, before pdf-lib decodes it, so the type, filters and /N are read as
 * pdf-lib reads them (name escapes such as /ObjSt#6D decoded, references resolved), not guessed
 * from the text. Page content is never inflated by the verifier.
 */
export class StructuralStreamGuard {
  private decodedBudget: number;
  private objects: number;

  constructor(
    private readonly limits: PdfLimits,
    /** Indirect objects already counted in the file (top-level `n g obj` headers). */
    looseObjects: number,
  ) {
    this.decodedBudget = limits.maxDecodedStreamBytes;
    this.objects = looseObjects;
  }

  /** Throws a PdfStructureError when pdf-lib would decode `stream` beyond the limits. */
  check(stream: PDFRawStream): void {
    // The test pdf-lib applies before decoding (PDFParser.parseIndirectObject).
    const type = stream.dict.lookup(pdfName('Type'));
    const isObjectStream = type === pdfName('ObjStm');
    if (!isObjectStream && type !== pdfName('XRef')) return;
    if (isObjectStream) {
      const declared = stream.dict.lookup(pdfName('N'));
      const count =
        declared instanceof PDFNumber && declared.asNumber() > 0 ? declared.asNumber() : 0;
      this.objects += Math.ceil(count);
      if (!(this.objects <= this.limits.maxObjects)) {
        throw new PdfStructureError(
          'PDF_TOO_MANY_OBJECTS',
          `the PDF declares more than ${this.limits.maxObjects} objects`,
        );
      }
    }
    const decoded = this.decode(stream);
    this.decodedBudget -= decoded.length;
    // Objects packed in an object stream are parsed as deeply as loose ones (xref stream data
    // is binary, not syntax).
    if (isObjectStream) assertNestingDepth(decoded, this.limits.maxNestingDepth);
  }

  private decode(stream: PDFRawStream): Buffer {
    const contents = stream.contents;
    let data = Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength);
    const filter = stream.dict.lookup(pdfName('Filter'));
    const filters = filter instanceof PDFArray ? filter.asArray() : filter ? [filter] : [];
    if (filters.some((name) => !FLATE_FILTERS.has(name))) {
      // Legitimate writers compress object and xref streams with Flate only; other filters
      // could expand without a bound we can check cheaply.
      throw new PdfStructureError(
        'PDF_UNPARSEABLE',
        `an object or cross-reference stream uses filter(s) ${filters.map(String).join(', ')}`,
      );
    }
    for (const _ of filters) data = this.inflate(data);
    return data;
  }

  private inflate(data: Buffer): Buffer {
    try {
      return inflateSync(data, {
        maxOutputLength: Math.max(1, this.decodedBudget),
        finishFlush: constants.Z_SYNC_FLUSH,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new PdfStructureError(
          'PDF_STREAM_TOO_LARGE',
          'object or cross-reference streams inflate beyond the allowed size',
        );
      }
      return Buffer.alloc(0); // corrupt data: pdf-lib fails on it too
    }
  }
}
