import { PDFHexString, PDFParser, type PDFArray, type PDFDict, type PDFObject } from 'pdf-lib';
import type { SignatureContentsMasks } from './contents-masking';
import { DEFAULT_PDF_LIMITS } from './pdf-limits';
import { nestingTooDeep } from './pdf-nesting-depth';

/**
 * pdf-lib's document parser over the file itself (no copy), reading each masked /Contents gap
 * as its marker and resuming after it (see SignatureContentsMasks). Offsets are file offsets:
 * the bytes given start at the beginning of the file (the whole file or a revision's prefix).
 *
 * It also refuses arrays and dictionaries nested deeper than `maxNestingDepth` where pdf-lib
 * builds them, so no object it returns is deeper (pdf-lib and every later walk of the graph
 * recurse). pdf-lib catches the throw inside an indirect object and keeps a placeholder, so
 * `nestingExceeded` records it for the caller to refuse the document.
 */
export class MaskedPdfParser extends PDFParser {
  /** An array or dictionary deeper than allowed was met somewhere in the parse. */
  nestingExceeded = false;
  private readonly limit: number;
  private nesting = 0;

  constructor(
    bytes: Uint8Array,
    private readonly masks: SignatureContentsMasks,
    private readonly maxNestingDepth = DEFAULT_PDF_LIMITS.maxNestingDepth,
  ) {
    // Every object in one tick (parseSpeed Infinity); a malformed object is kept as invalid.
    super(bytes, Infinity, false, false);
    this.limit = bytes.length;
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

  protected override parseArray(): PDFArray {
    return this.nested(() => super.parseArray());
  }

  protected override parseDict(): PDFDict {
    return this.nested(() => super.parseDict());
  }

  private nested<T>(parse: () => T): T {
    if (this.nesting >= this.maxNestingDepth) {
      this.nestingExceeded = true;
      throw nestingTooDeep(this.maxNestingDepth);
    }
    this.nesting += 1;
    try {
      return parse();
    } finally {
      this.nesting -= 1;
    }
  }
}
