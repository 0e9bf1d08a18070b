import { PDFHexString, PDFParser, type PDFObject } from 'pdf-lib';
import type { SignatureContentsMasks } from './contents-masking';

/**
 * pdf-lib's document parser over the file itself (no copy), reading each masked /Contents gap
 * as its marker and resuming after it (see SignatureContentsMasks). Offsets are file offsets:
 * the bytes given start at the beginning of the file (the whole file or a revision's prefix).
 */
export class MaskedPdfParser extends PDFParser {
  private readonly limit: number;

  constructor(
    bytes: Uint8Array,
    private readonly masks: SignatureContentsMasks,
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
}
