import {
  PDFHexString,
  PDFParser,
  type PDFName,
  PDFRawStream,
  type PDFArray,
  type PDFDict,
  type PDFObject,
  type PDFStream,
} from 'pdf-lib';
import type { SignatureContentsMasks } from './contents-masking';
import { DEFAULT_PDF_LIMITS } from './pdf-limits';
import { nestingTooDeep } from './pdf-nesting-depth';
import { PdfStructureError } from './pdf-structure-error';
import type { StructuralStreamGuard } from './structural-stream-guard';
import { pdfName } from './pdf-names';

/** The bytes that end a name for pdf-lib: its IsWhitespace and IsDelimiter tables, united. */
export const ENDS_PDF_NAME = new Uint8Array(256);
for (const byte of Buffer.from('\0\t\n\f\r ()<>[]{}/%', 'latin1')) ENDS_PDF_NAME[byte] = 1;

export interface MaskedPdfParserOptions {
  masks: SignatureContentsMasks;
  maxNestingDepth?: number;
  /** Checks object and xref streams before pdf-lib decodes them; none for single objects. */
  streams?: StructuralStreamGuard;
}

/**
 * pdf-lib's document parser over the file itself (no copy), reading each masked /Contents gap
 * as its marker and resuming after it (see SignatureContentsMasks). Offsets are file offsets:
 * the bytes given start at the beginning of the file (the whole file or a revision's prefix).
 *
 * It also enforces, where pdf-lib builds objects, what pdf-lib does not bound: arrays and
 * dictionaries nested deeper than `maxNestingDepth` (pdf-lib and every later walk of the graph
 * recurse) and object or xref streams past the guard's limits. pdf-lib catches a throw inside an
 * indirect object and keeps a placeholder, so `refusal` records the first one for the caller.
 */
export class MaskedPdfParser extends PDFParser {
  /** Why the document must be refused, once one of the checks above failed. */
  refusal: PdfStructureError | undefined;
  private readonly limit: number;
  private readonly masks: SignatureContentsMasks;
  private readonly maxNestingDepth: number;
  private readonly streams: StructuralStreamGuard | undefined;
  private nesting = 0;

  constructor(bytes: Uint8Array, options: MaskedPdfParserOptions) {
    // Every object in one tick (parseSpeed Infinity); a malformed object is kept as invalid.
    super(bytes, Infinity, false, false);
    this.limit = bytes.length;
    this.masks = options.masks;
    this.maxNestingDepth = options.maxNestingDepth ?? DEFAULT_PDF_LIMITS.maxNestingDepth;
    this.streams = options.streams;
  }

  /** The object written at `offset` (after its `n g obj` header), as the document parse reads it. */
  parseObjectAt(offset: number): PDFObject {
    this.bytes.moveTo(offset);
    return this.parseObject();
  }

  protected override parseHexString(): PDFHexString {
    const masked = this.masks.hexStringAt(this.bytes.offset(), this.limit);
    if (!masked) return super.parseHexString();
    this.bytes.moveTo(masked.resumeAt);
    return PDFHexString.of(masked.marker);
  }

  /**
   * pdf-lib's parseName, byte for byte (the same bytes consumed, the same string), with its
   * `PDFName.of` memoised (see pdfName): the regular expression it runs per name was ~7 % of a
   * document parse.
   */
  protected override parseName(): PDFName {
    this.bytes.assertNext(0x2f /* / */);
    let name = '';
    while (!this.bytes.done()) {
      const byte = this.bytes.peek();
      if (ENDS_PDF_NAME[byte] === 1) break;
      name += String.fromCharCode(byte);
      this.bytes.next();
    }
    return pdfName(name);
  }

  protected override parseArray(): PDFArray {
    return this.nested(() => super.parseArray());
  }

  protected override parseDict(): PDFDict {
    return this.nested(() => super.parseDict());
  }

  protected override parseDictOrStream(): PDFDict | PDFStream {
    const object = super.parseDictOrStream();
    if (object instanceof PDFRawStream && this.streams) {
      try {
        this.streams.check(object);
      } catch (error) {
        throw this.refused(error);
      }
    }
    return object;
  }

  private nested<T>(parse: () => T): T {
    if (this.nesting >= this.maxNestingDepth)
      throw this.refused(nestingTooDeep(this.maxNestingDepth));
    this.nesting += 1;
    try {
      return parse();
    } finally {
      this.nesting -= 1;
    }
  }

  private refused(error: unknown): unknown {
    if (error instanceof PdfStructureError) this.refusal ??= error;
    return error;
  }
}
