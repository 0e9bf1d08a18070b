import { constants, inflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFNumber,
  PDFObjectParser,
  PDFRawStream,
  PDFRef,
  type PDFObject,
} from 'pdf-lib';
import { SignatureContentsMasks } from './contents-masking';
import { MaskedPdfParser } from './masked-pdf-parser';
import { PdfStructureError } from './pdf-structure-error';
import { isPdfWhitespace } from './raw-byte-range-scanner';
import { pdfName } from './pdf-names';

export type CrossReferenceEntry =
  | { readonly type: 0; readonly generation: number }
  | { readonly type: 1; readonly offset: number; readonly generation: number }
  | { readonly type: 2; readonly objectStream: number; readonly index: number };

export interface CrossReferenceSection {
  readonly offset: number;
  readonly kind: 'table' | 'stream';
  readonly entries: ReadonlyMap<number, CrossReferenceEntry>;
  readonly prev?: number;
  /** Hybrid files: offset of the cross-reference stream that supplements a table. */
  readonly xrefStream?: number;
  readonly root?: PDFRef;
}

const MAX_DECODED_XREF_BYTES = 32 * 1024 * 1024;
/** A table row is 20 bytes: room for 400,000 entries. */
const MAX_XREF_TABLE_BYTES = 8 * 1024 * 1024;
const STARTXREF = Buffer.from('startxref', 'latin1');

/**
 * Reads cross-reference sections (ISO 32000-1 §7.5.4 tables and §7.5.8 streams) the way a viewer
 * does, independently of pdf-lib (whose xref-stream reading ignores PNG predictors). Objects are
 * parsed with pdf-lib's object parser into a scratch context, never into the document's, with
 * the same /Contents masks as the document's graph (so both read a signature dictionary alike).
 */
export class CrossReferenceReader {
  private readonly scratch = PDFContext.create();

  private readonly fileParser: MaskedPdfParser;

  constructor(
    private readonly bytes: Buffer,
    masks: SignatureContentsMasks = SignatureContentsMasks.NONE,
  ) {
    this.fileParser = new MaskedPdfParser(bytes, { masks });
  }

  /** The offset written after the last `startxref` before `end`, if any. */
  startxrefBefore(end: number): number | undefined {
    const at = this.bytes.lastIndexOf(STARTXREF, end - 1);
    if (at === -1) return undefined;
    let i = at + STARTXREF.length;
    while (i < end && isPdfWhitespace(this.bytes[i])) i += 1;
    const start = i;
    while (i < end && this.bytes[i] >= 0x30 && this.bytes[i] <= 0x39) i += 1;
    return i > start && i - start < 16
      ? Number(this.bytes.toString('latin1', start, i))
      : undefined;
  }

  readSection(offset: number): CrossReferenceSection {
    if (offset < 0 || offset >= this.bytes.length) {
      throw new PdfStructureError(
        'PDF_UNPARSEABLE',
        `cross-reference offset ${offset} is outside the file`,
      );
    }
    return this.bytes.toString('latin1', offset, offset + 4) === 'xref'
      ? this.readTable(offset)
      : this.readStream(offset);
  }

  /** The indirect object at `offset` (`num gen obj ...`), checked to be `expected` when given. */
  readObjectAt(offset: number, expected?: { number: number; generation: number }): PDFObject {
    const header = /^(\d+)[\0\t\n\f\r ]+(\d+)[\0\t\n\f\r ]+obj/.exec(
      this.bytes.toString('latin1', offset, offset + 40),
    );
    if (!header)
      throw new PdfStructureError('PDF_UNPARSEABLE', `no object header at offset ${offset}`);
    if (
      expected &&
      (Number(header[1]) !== expected.number || Number(header[2]) !== expected.generation)
    ) {
      throw new PdfStructureError(
        'PDF_UNPARSEABLE',
        `offset ${offset} holds object ${header[1]} ${header[2]}, not ${expected.number} ${expected.generation}`,
      );
    }
    return this.fileParser.parseObjectAt(offset + header[0].length);
  }

  /** Object `index` of the object stream whose stream object is at `offset`. */
  readFromObjectStream(offset: number, objectNumber: number, index: number): PDFObject {
    const stream = this.readObjectAt(offset);
    if (!(stream instanceof PDFRawStream))
      throw new PdfStructureError('PDF_UNPARSEABLE', 'object stream expected');
    const decoded = decodeStream(stream);
    const first = numberOf(stream.dict, 'First');
    const count = numberOf(stream.dict, 'N');
    if (first === undefined || count === undefined || index >= count) {
      throw new PdfStructureError('PDF_UNPARSEABLE', 'object stream without /First and /N');
    }
    const header = decoded.toString('latin1', 0, first).trim().split(/\s+/).map(Number);
    if (header[index * 2] !== objectNumber) {
      throw new PdfStructureError(
        'PDF_UNPARSEABLE',
        `object stream slot ${index} holds ${header[index * 2]}, not ${objectNumber}`,
      );
    }
    return this.parseDecodedObject(decoded.subarray(first + header[index * 2 + 1]));
  }

  /** An object of decoded stream data (not the file: no masks apply). */
  private parseDecodedObject(bytes: Buffer): PDFObject {
    return PDFObjectParser.forBytes(bytes, this.scratch).parseObject();
  }

  private readTable(offset: number): CrossReferenceSection {
    const text = this.bytes.toString(
      'latin1',
      offset,
      Math.min(this.bytes.length, offset + MAX_XREF_TABLE_BYTES),
    );
    const tokens = /\s*(\d+)\s+(\d+)(?:\s+([nf]))?/y;
    let cursor = 4;
    const entries = new Map<number, CrossReferenceEntry>();
    for (;;) {
      tokens.lastIndex = cursor;
      const subsection = tokens.exec(text);
      if (!subsection || subsection[3] !== undefined) break;
      cursor = tokens.lastIndex;
      const start = Number(subsection[1]);
      const count = Number(subsection[2]);
      for (let i = 0; i < count; i += 1) {
        tokens.lastIndex = cursor;
        const row = tokens.exec(text);
        if (!row || row[3] === undefined)
          throw new PdfStructureError('PDF_UNPARSEABLE', `malformed xref table at ${offset}`);
        cursor = tokens.lastIndex;
        const generation = Number(row[2]);
        entries.set(
          start + i,
          row[3] === 'n'
            ? { type: 1, offset: Number(row[1]), generation }
            : { type: 0, generation },
        );
      }
    }
    const trailerAt = text.indexOf('trailer', cursor);
    if (trailerAt === -1 || text.slice(cursor, trailerAt).trim() !== '') {
      throw new PdfStructureError('PDF_UNPARSEABLE', `xref table at ${offset} has no trailer`);
    }
    const trailer = this.fileParser.parseObjectAt(offset + trailerAt + 'trailer'.length);
    if (!(trailer instanceof PDFDict))
      throw new PdfStructureError('PDF_UNPARSEABLE', 'trailer is not a dictionary');
    return {
      offset,
      kind: 'table',
      entries,
      prev: numberOf(trailer, 'Prev'),
      xrefStream: numberOf(trailer, 'XRefStm'),
      root: refOf(trailer, 'Root'),
    };
  }

  private readStream(offset: number): CrossReferenceSection {
    const stream = this.readObjectAt(offset);
    if (!(stream instanceof PDFRawStream) || stream.dict.get(pdfName('Type')) !== pdfName('XRef')) {
      throw new PdfStructureError(
        'PDF_UNPARSEABLE',
        `no cross-reference section at offset ${offset}`,
      );
    }
    const dict = stream.dict;
    const widths = numbersOf(dict.get(pdfName('W')));
    const size = numberOf(dict, 'Size') ?? 0;
    const index = numbersOf(dict.get(pdfName('Index'))) ?? [0, size];
    if (
      !widths ||
      widths.length !== 3 ||
      widths.some((w) => w < 0 || w > 8) ||
      index.length % 2 !== 0
    ) {
      throw new PdfStructureError(
        'PDF_UNPARSEABLE',
        'malformed /W or /Index in a cross-reference stream',
      );
    }
    const data = decodeStream(stream);
    const rowLength = widths[0] + widths[1] + widths[2];
    const entries = new Map<number, CrossReferenceEntry>();
    let position = 0;
    for (let pair = 0; pair < index.length; pair += 2) {
      for (let i = 0; i < index[pair + 1]; i += 1) {
        if (position + rowLength > data.length)
          throw new PdfStructureError('PDF_UNPARSEABLE', 'cross-reference stream too short');
        const field = (n: number, start: number): number => {
          let value = 0;
          for (let k = 0; k < widths[n]; k += 1) value = value * 256 + data[position + start + k];
          return value;
        };
        const type = widths[0] === 0 ? 1 : field(0, 0);
        const second = field(1, widths[0]);
        const third = field(2, widths[0] + widths[1]);
        const objectNumber = index[pair] + i;
        if (type === 0) entries.set(objectNumber, { type: 0, generation: third });
        else if (type === 1)
          entries.set(objectNumber, { type: 1, offset: second, generation: third });
        else if (type === 2)
          entries.set(objectNumber, { type: 2, objectStream: second, index: third });
        position += rowLength;
      }
    }
    return {
      offset,
      kind: 'stream',
      entries,
      prev: numberOf(dict, 'Prev'),
      root: refOf(dict, 'Root'),
    };
  }
}

/** Flate (with PNG predictors, as xref streams use them) or no filter; anything else is refused. */
function decodeStream(stream: PDFRawStream): Buffer {
  const raw = Buffer.from(
    stream.contents.buffer,
    stream.contents.byteOffset,
    stream.contents.byteLength,
  );
  const filter = stream.dict.get(pdfName('Filter'));
  const filterName = filter instanceof PDFArray && filter.size() === 1 ? filter.get(0) : filter;
  if (filterName === undefined) return raw;
  if (filterName !== pdfName('FlateDecode') && filterName !== pdfName('Fl')) {
    throw new PdfStructureError(
      'PDF_UNPARSEABLE',
      'unsupported filter on an object or cross-reference stream',
    );
  }
  let inflated: Buffer;
  try {
    inflated = inflateSync(raw, {
      maxOutputLength: MAX_DECODED_XREF_BYTES,
      finishFlush: constants.Z_SYNC_FLUSH,
    });
  } catch (error) {
    throw new PdfStructureError(
      'PDF_UNPARSEABLE',
      `stream does not inflate: ${(error as Error).message}`,
    );
  }
  const parameters = stream.dict.get(pdfName('DecodeParms'));
  const predictor = parameters instanceof PDFDict ? numberOf(parameters, 'Predictor') : undefined;
  if (predictor === undefined || predictor === 1) return inflated;
  if (predictor < 10)
    throw new PdfStructureError('PDF_UNPARSEABLE', `unsupported predictor ${predictor}`);
  return undoPngPredictor(
    inflated,
    (parameters instanceof PDFDict ? numberOf(parameters, 'Columns') : undefined) ?? 1,
  );
}

/** PNG row filters (RFC 2083 §6) with one byte per pixel, as xref streams are written. */
function undoPngPredictor(data: Buffer, columns: number): Buffer {
  const rowLength = columns + 1;
  const rows = Math.floor(data.length / rowLength);
  const out = Buffer.alloc(rows * columns);
  for (let row = 0; row < rows; row += 1) {
    const filter = data[row * rowLength];
    for (let column = 0; column < columns; column += 1) {
      const raw = data[row * rowLength + 1 + column];
      const left = column > 0 ? out[row * columns + column - 1] : 0;
      const up = row > 0 ? out[(row - 1) * columns + column] : 0;
      const upLeft = row > 0 && column > 0 ? out[(row - 1) * columns + column - 1] : 0;
      let value: number;
      switch (filter) {
        case 0:
          value = raw;
          break;
        case 1:
          value = raw + left;
          break;
        case 2:
          value = raw + up;
          break;
        case 3:
          value = raw + ((left + up) >> 1);
          break;
        case 4: {
          const estimate = left + up - upLeft;
          const [pa, pb, pc] = [
            Math.abs(estimate - left),
            Math.abs(estimate - up),
            Math.abs(estimate - upLeft),
          ];
          value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default:
          throw new PdfStructureError(
            'PDF_UNPARSEABLE',
            `unknown PNG predictor row filter ${filter}`,
          );
      }
      out[row * columns + column] = value & 0xff;
    }
  }
  return out;
}

function numberOf(dict: PDFDict, key: string): number | undefined {
  const value = dict.get(pdfName(key));
  return value instanceof PDFNumber ? value.asNumber() : undefined;
}

function numbersOf(value: PDFObject | undefined): number[] | undefined {
  if (!(value instanceof PDFArray)) return undefined;
  const numbers = value
    .asArray()
    .map((item) => (item instanceof PDFNumber ? item.asNumber() : NaN));
  return numbers.every(Number.isInteger) ? numbers : undefined;
}

function refOf(dict: PDFDict, key: string): PDFRef | undefined {
  const value = dict.get(pdfName(key));
  return value instanceof PDFRef ? value : undefined;
}
