import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import {
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  StandardFonts,
  type PDFFont,
} from 'pdf-lib';

export interface BuildUnsignedPdfOptions {
  title?: string;
  /** Body text, one entry per line; a short official letter by default. */
  lines?: string[];
  /** Number of A4 pages (the text goes on the first); 1 by default. */
  pages?: number;
  /**
   * Pads the file to about this size with an uncompressible embedded file ("attachment"), so
   * tests and benchmarks can make ~100 KB and ~5 MB documents. Ignored when already bigger.
   */
  targetSizeBytes?: number;
  /** Object streams and a cross-reference stream (PDF 1.5) instead of a classic table; false by default. */
  useObjectStreams?: boolean;
  /**
   * A TrueType font with Vietnamese glyphs (e.g. DejaVuSerif.ttf). Without one the text is set
   * in Times-Roman, whose WinAnsi encoding has no Vietnamese letters: diacritics are dropped.
   */
  fontPath?: string;
  /** Creation and modification date in the Info dictionary; now by default. */
  creationDate?: Date;
}

const A4: [number, number] = [595.28, 841.89];

const DEFAULT_LINES = [
  'VĂN PHÒNG CHÍNH PHỦ — CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'Số: 7816/VPCP-TTĐT            Hà Nội, ngày 30 tháng 9 năm 2015',
  'V/v triển khai gửi, nhận văn bản điện tử giữa các cơ quan nhà nước (TÀI LIỆU THỬ NGHIỆM)',
  'Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.',
  'Văn bản này chỉ dùng để kiểm thử hệ thống docaxis, không có giá trị pháp lý.',
];

/** Overhead of the padding attachment's objects beyond its data, measured and rounded up. */
const PADDING_OVERHEAD_GUESS = 400;

/** A small, realistic unsigned PDF built with pdf-lib (async: pdf-lib's save is). */
export async function buildUnsignedPdf(options: BuildUnsignedPdfOptions = {}): Promise<Buffer> {
  const first = await render(options, 0);
  if (
    !options.targetSizeBytes ||
    options.targetSizeBytes <= first.length + PADDING_OVERHEAD_GUESS
  ) {
    return first;
  }
  // Two passes: guess the padding, then correct by what the guess missed (object numbers and
  // /Length digits make the overhead vary by a few bytes).
  const guess = options.targetSizeBytes - first.length - PADDING_OVERHEAD_GUESS;
  const padded = await render(options, guess);
  return render(options, Math.max(0, guess + options.targetSizeBytes - padded.length));
}

async function render(options: BuildUnsignedPdfOptions, paddingBytes: number): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const title = options.title ?? 'Công văn 7816/VPCP-TTĐT (TEST)';
  const created = options.creationDate ?? new Date();
  doc.setTitle(title);
  doc.setAuthor('docaxis test fixtures');
  doc.setProducer('docaxis signed-PDF fixture builder (pdf-lib)');
  doc.setCreationDate(created);
  doc.setModificationDate(created);

  const { font, encodable } = await embedFont(doc, options.fontPath);
  const lines = options.lines ?? DEFAULT_LINES;
  const pageCount = Math.max(1, options.pages ?? 1);
  for (let index = 0; index < pageCount; index += 1) {
    const page = doc.addPage(A4);
    let y = A4[1] - 72;
    const write = (text: string, size: number): void => {
      page.drawText(encodable(text), { x: 60, y, size, font });
      y -= size * 1.6;
    };
    if (index === 0) {
      write(title, 14);
      y -= 8;
      for (const line of lines) write(line, 11);
    }
    page.drawText(encodable(`Trang ${index + 1}/${pageCount}`), {
      x: A4[0] - 120,
      y: 40,
      size: 9,
      font,
    });
  }

  if (paddingBytes > 0) attachPadding(doc, paddingBytes);
  // A stable /ID pair, as real producers write one (pdf-lib does not by itself).
  const id = createHash('md5').update(`${title}|${created.toISOString()}`).digest('hex');
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  const bytes = await doc.save({ useObjectStreams: options.useObjectStreams ?? false });
  return Buffer.from(bytes);
}

async function embedFont(
  doc: PDFDocument,
  fontPath: string | undefined,
): Promise<{ font: PDFFont; encodable: (text: string) => string }> {
  if (fontPath) {
    doc.registerFontkit(fontkit);
    return {
      font: await doc.embedFont(readFileSync(fontPath), { subset: true }),
      encodable: (t) => t,
    };
  }
  return { font: await doc.embedFont(StandardFonts.TimesRoman), encodable: toWinAnsi };
}

/** Drops Vietnamese diacritics (đ → d) so a standard 14 font can show the text. */
function toWinAnsi(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/—/g, '-')
    .replace(/[^\x20-\x7e]/g, '?');
}

/**
 * Random bytes stored uncompressed as an embedded file: incompressible, so the file size is
 * what the test asked for, and a legitimate structure (an attachment) rather than junk.
 */
function attachPadding(doc: PDFDocument, size: number): void {
  const { context } = doc;
  const data = context.stream(randomBytes(size), {
    Type: 'EmbeddedFile',
    Subtype: 'application/octet-stream',
  });
  const dataRef = context.register(data);
  const fileSpec = context.obj({
    Type: 'Filespec',
    F: PDFString.of('padding-test-data.bin'),
    UF: PDFHexString.fromText('padding-test-data.bin'),
    Desc: PDFString.of('Random padding that sets the TEST document size'),
    EF: { F: dataRef },
  });
  const names = context.obj({
    EmbeddedFiles: context.obj({
      Names: [PDFString.of('padding-test-data.bin'), context.register(fileSpec)],
    }),
  });
  doc.catalog.set(PDFName.of('Names'), names);
}
