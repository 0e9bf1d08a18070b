import { PDFDocument, PDFRef, type PDFObject } from 'pdf-lib';
import { PdfFixtureError } from './pdf-fixture.errors';

type XrefKind = 'table' | 'stream';

/**
 * One incremental update (ISO 32000-1 §7.5.6) appended to an existing PDF: new and replaced
 * objects, then a cross-reference section whose /Prev points at the previous one. Earlier bytes
 * are never touched, so every earlier signature's byte range keeps verifying.
 *
 * pdf-lib only *reads* the object graph here (its save() would rewrite the whole file and
 * destroy the signatures); objects are serialized with pdf-lib's own `toString()` and the xref
 * section is written by hand, in the same kind (table or stream) as the previous one.
 */
export class PdfIncrementalUpdate {
  private readonly objects = new Map<number, { ref: PDFRef; body: Buffer }>();
  private nextObjectNumber: number;

  private constructor(
    readonly original: Buffer,
    readonly doc: PDFDocument,
    private readonly previousXrefOffset: number,
    private readonly previousXrefKind: XrefKind,
    previousSize: number,
  ) {
    this.nextObjectNumber = Math.max(previousSize, doc.context.largestObjectNumber + 1);
  }

  static async open(pdf: Buffer): Promise<PdfIncrementalUpdate> {
    let doc: PDFDocument;
    try {
      doc = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: true });
    } catch (error) {
      const message = (error as Error).message;
      if ((error as Error).name === 'EncryptedPDFError') {
        throw new PdfFixtureError(
          'PDF_ENCRYPTED',
          'encrypted PDFs are not supported by the fixture signer',
        );
      }
      throw new PdfFixtureError('PDF_UNREADABLE', `pdf-lib cannot read the PDF: ${message}`);
    }
    const previousXrefOffset = lastStartXref(pdf);
    const kind = xrefKindAt(pdf, previousXrefOffset);
    return new PdfIncrementalUpdate(
      pdf,
      doc,
      previousXrefOffset,
      kind,
      previousTrailerSize(pdf, previousXrefOffset, kind),
    );
  }

  /** A fresh object number, above every number the file has used. */
  allocate(): PDFRef {
    const ref = PDFRef.of(this.nextObjectNumber);
    this.nextObjectNumber += 1;
    return ref;
  }

  /** Writes (or rewrites) `ref` with a pdf-lib object: a dictionary, an array, ... (no streams). */
  setObject(ref: PDFRef, object: PDFObject): void {
    this.setRaw(ref, object.toString());
  }

  /** Writes (or rewrites) `ref` with an already serialized object body. */
  setRaw(ref: PDFRef, body: string | Buffer): void {
    this.objects.set(ref.objectNumber, {
      ref,
      body: typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
    });
  }

  /** A stream object: `dictEntries` is the dictionary's inside, /Length is added. */
  setStream(ref: PDFRef, dictEntries: string, data: Buffer): void {
    this.setRaw(
      ref,
      Buffer.concat([
        Buffer.from(`<< ${dictEntries} /Length ${data.length} >>\nstream\n`, 'latin1'),
        data,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    );
  }

  /** The original file followed by the update; returns where each object body starts. */
  build(): { pdf: Buffer; bodyOffsets: Map<number, number> } {
    const chunks: Buffer[] = [this.original];
    let offset = this.original.length;
    const push = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
      chunks.push(bytes);
      offset += bytes.length;
    };
    const last = this.original[this.original.length - 1];
    if (last !== 0x0a && last !== 0x0d) push('\n');

    const objectOffsets = new Map<number, { offset: number; generation: number }>();
    const bodyOffsets = new Map<number, number>();
    const sorted = [...this.objects.values()].sort(
      (a, b) => a.ref.objectNumber - b.ref.objectNumber,
    );
    for (const { ref, body } of sorted) {
      objectOffsets.set(ref.objectNumber, { offset, generation: ref.generationNumber });
      const header = `${ref.objectNumber} ${ref.generationNumber} obj\n`;
      bodyOffsets.set(ref.objectNumber, offset + header.length);
      push(header);
      push(body);
      push('\nendobj\n');
    }

    const trailerEntries = this.trailerEntries();
    if (this.previousXrefKind === 'table') {
      const xrefOffset = offset;
      push(xrefTable(objectOffsets));
      push(`trailer\n<< /Size ${this.nextObjectNumber} ${trailerEntries} >>\n`);
      push(`startxref\n${xrefOffset}\n%%EOF\n`);
    } else {
      const xrefRef = this.allocate();
      const xrefOffset = offset;
      objectOffsets.set(xrefRef.objectNumber, { offset: xrefOffset, generation: 0 });
      const { index, data } = xrefStreamRows(objectOffsets);
      push(
        `${xrefRef.objectNumber} 0 obj\n<< /Type /XRef /Size ${this.nextObjectNumber} ` +
          `/W [1 4 2] /Index [${index.join(' ')}] ${trailerEntries} /Length ${data.length} >>\nstream\n`,
      );
      push(data);
      push('\nendstream\nendobj\n');
      push(`startxref\n${xrefOffset}\n%%EOF\n`);
    }
    return { pdf: Buffer.concat(chunks), bodyOffsets };
  }

  private trailerEntries(): string {
    const { Root, Info, ID } = this.doc.context.trailerInfo;
    if (!Root) throw new PdfFixtureError('PDF_NO_CATALOG', 'the PDF trailer has no /Root');
    return [
      `/Root ${Root.toString()}`,
      Info ? `/Info ${Info.toString()}` : '',
      ID ? `/ID ${ID.toString()}` : '',
      `/Prev ${this.previousXrefOffset}`,
    ]
      .filter(Boolean)
      .join(' ');
  }
}

/** The offset after the file's last `startxref` keyword. */
export function lastStartXref(pdf: Buffer): number {
  const tail = pdf.subarray(Math.max(0, pdf.length - 2048)).toString('latin1');
  const match =
    /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail) ??
    /startxref\s+(\d+)(?![\s\S]*startxref)/.exec(tail);
  if (!match) {
    throw new PdfFixtureError('PDF_NO_STARTXREF', 'no startxref near the end of the file');
  }
  const offset = Number(match[1]);
  if (offset >= pdf.length) {
    throw new PdfFixtureError(
      'PDF_NO_STARTXREF',
      `startxref ${offset} points past the end of the file`,
    );
  }
  return offset;
}

function xrefKindAt(pdf: Buffer, offset: number): XrefKind {
  const head = pdf.subarray(offset, offset + 64).toString('latin1');
  if (/^\s*xref/.test(head)) return 'table';
  if (/^\s*\d+\s+\d+\s+obj/.test(head)) return 'stream';
  throw new PdfFixtureError('PDF_NO_STARTXREF', `no cross-reference section at offset ${offset}`);
}

function previousTrailerSize(pdf: Buffer, offset: number, kind: XrefKind): number {
  const from = kind === 'table' ? pdf.indexOf('trailer', offset, 'latin1') : offset;
  const dictionary = from < 0 ? '' : pdf.subarray(from, from + 4096).toString('latin1');
  const match = /\/Size\s+(\d+)/.exec(dictionary);
  if (!match) throw new PdfFixtureError('PDF_NO_STARTXREF', 'the last trailer has no /Size');
  return Number(match[1]);
}

/** Classic table: one subsection per run of consecutive numbers, 20-byte entries. */
function xrefTable(offsets: Map<number, { offset: number; generation: number }>): string {
  const numbers = [...offsets.keys()].sort((a, b) => a - b);
  let text = 'xref\n0 1\n0000000000 65535 f \n';
  for (const run of consecutiveRuns(numbers)) {
    text += `${run[0]} ${run.length}\n`;
    for (const number of run) {
      const { offset, generation } = offsets.get(number)!;
      text += `${String(offset).padStart(10, '0')} ${String(generation).padStart(5, '0')} n \n`;
    }
  }
  return text;
}

/** Cross-reference stream rows, uncompressed: type 1, 4-byte offset, 2-byte generation. */
function xrefStreamRows(offsets: Map<number, { offset: number; generation: number }>): {
  index: number[];
  data: Buffer;
} {
  const numbers = [...offsets.keys()].sort((a, b) => a - b);
  const index: number[] = [];
  const rows: Buffer[] = [];
  for (const run of consecutiveRuns(numbers)) {
    index.push(run[0], run.length);
    for (const number of run) {
      const { offset, generation } = offsets.get(number)!;
      const row = Buffer.alloc(7);
      row.writeUInt8(1, 0);
      row.writeUInt32BE(offset, 1);
      row.writeUInt16BE(generation, 5);
      rows.push(row);
    }
  }
  return { index, data: Buffer.concat(rows) };
}

function consecutiveRuns(sortedNumbers: number[]): number[][] {
  const runs: number[][] = [];
  for (const number of sortedNumbers) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === number - 1) run.push(number);
    else runs.push([number]);
  }
  return runs;
}
