import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { DEFAULT_PAGE_LAYOUT, type PageLayout } from './page-layout';
import { PdfReportAlreadySavedError } from './pdf-report.errors';
import { dejaVuSansFiles } from './report-fonts';
import { wrapText } from './text-wrapping';

export type TextTone = 'normal' | 'muted' | 'success' | 'warning' | 'danger';

export interface TextStyle {
  bold?: boolean;
  /** Points; 10 by default. */
  size?: number;
  tone?: TextTone;
}

export interface PdfReportOptions {
  title: string;
  author?: string;
  subject?: string;
  /** BCP 47 tag written as the document language (`vi`, `en`); helps screen readers. */
  language?: string;
  /** Info dictionary dates; now by default (pass a fixed date for reproducible files). */
  creationDate?: Date;
  /** Left-hand footer text on every page (e.g. the product and the generation time). */
  footer?: string;
  /** Right-hand footer text; `n/total` by default (`Trang 2/5` in a Vietnamese report). */
  pageNumberLabel?: (page: number, total: number) => string;
  layout?: Partial<PageLayout>;
}

/** One table cell: plain text, or text with its own style. */
export type TableCell = string | { text: string; style?: TextStyle };

export interface TableOptions {
  /** Relative column widths (e.g. `[1, 2]`); equal by default. */
  columnRatios?: readonly number[];
  /** Header row, repeated at the top of every page the table continues on. */
  header?: readonly string[];
  /** Font size of the body cells; 9 by default. */
  size?: number;
}

const TONES: Record<TextTone, RGB> = {
  normal: rgb(0.1, 0.1, 0.1),
  muted: rgb(0.4, 0.4, 0.4),
  success: rgb(0.05, 0.45, 0.15),
  warning: rgb(0.65, 0.4, 0),
  danger: rgb(0.7, 0.05, 0.05),
};
const HEADING_SIZES = { 1: 16, 2: 13, 3: 11 } as const;
const LINE_SPACING = 1.3;
const CELL_PADDING = 3;
const BORDER = rgb(0.7, 0.7, 0.7);
const HEADER_FILL = rgb(0.92, 0.92, 0.92);

interface PreparedCell {
  lines: string[];
  font: PDFFont;
  size: number;
  color: RGB;
}

/**
 * A small flowing-layout writer for A4 reports: headings, wrapped paragraphs, tables (key/value
 * or with a header row) that break across pages, page breaks, and a footer with page numbers
 * drawn once the page count is known. Text is set in embedded DejaVu Sans, so Vietnamese (and
 * any other Latin, Greek or Cyrillic text) keeps its diacritics and stays extractable.
 *
 * Methods return `this` so a report reads top to bottom; `save()` ends the document.
 */
export class PdfReportDocument {
  private page: PDFPage;
  private y: number;
  private saved = false;

  private constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: { regular: PDFFont; bold: PDFFont },
    private readonly layout: PageLayout,
    private readonly options: PdfReportOptions,
  ) {
    this.page = this.addPage();
    this.y = this.top;
  }

  static async create(options: PdfReportOptions): Promise<PdfReportDocument> {
    const files = await dejaVuSansFiles();
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(fontkit);
    const fonts = {
      regular: await doc.embedFont(files.regular, { subset: true }),
      bold: await doc.embedFont(files.bold, { subset: true }),
    };
    const created = options.creationDate ?? new Date();
    doc.setTitle(options.title, { showInWindowTitleBar: true });
    if (options.author) doc.setAuthor(options.author);
    if (options.subject) doc.setSubject(options.subject);
    if (options.language) doc.setLanguage(options.language);
    doc.setProducer('docaxis pdf-report (pdf-lib)');
    doc.setCreator('docaxis');
    doc.setCreationDate(created);
    doc.setModificationDate(created);
    return new PdfReportDocument(
      doc,
      fonts,
      { ...DEFAULT_PAGE_LAYOUT, ...options.layout },
      options,
    );
  }

  /** Number of pages so far. */
  get pageCount(): number {
    return this.doc.getPageCount();
  }

  heading(text: string, level: 1 | 2 | 3 = 1): this {
    const size = HEADING_SIZES[level];
    const lines = this.wrap(text, this.contentWidth, this.fonts.bold, size);
    // Keep a heading with at least two lines of what follows it.
    const needed = (lines.length + 2) * size * LINE_SPACING + size * 0.6;
    if (this.y !== this.top && this.y - needed < this.bottom) this.newPage();
    if (this.y !== this.top) this.y -= size * 0.6;
    this.writeLines(lines, { font: this.fonts.bold, size, color: TONES.normal });
    this.y -= size * 0.3;
    return this;
  }

  paragraph(text: string, style: TextStyle = {}): this {
    const cell = this.prepare({ text, style }, this.contentWidth, 10);
    this.writeLines(cell.lines, cell);
    this.y -= cell.size * 0.5;
    return this;
  }

  /** Two columns, the keys in bold; a thin rule between rows. */
  keyValueTable(
    rows: ReadonlyArray<readonly [string, TableCell]>,
    options: { keyColumnRatio?: number; size?: number } = {},
  ): this {
    const ratio = options.keyColumnRatio ?? 0.32;
    return this.table(
      rows.map(([key, value]) => [{ text: key, style: { bold: true } }, value]),
      { columnRatios: [ratio, 1 - ratio], size: options.size },
    );
  }

  table(rows: ReadonlyArray<readonly TableCell[]>, options: TableOptions = {}): this {
    const columns = Math.max(options.header?.length ?? 0, ...rows.map((row) => row.length));
    if (columns === 0) return this;
    const ratios = options.columnRatios ?? new Array<number>(columns).fill(1);
    const sum = ratios.slice(0, columns).reduce((a, b) => a + b, 0);
    const widths = Array.from(
      { length: columns },
      (_, i) => (this.contentWidth * (ratios[i] ?? 0)) / sum,
    );
    const size = options.size ?? 9;
    const header = options.header?.map((text) => ({ text, style: { bold: true } }));
    const prepareRow = (row: readonly TableCell[]): PreparedCell[] =>
      widths.map((width, i) => this.prepare(row[i] ?? '', width - 2 * CELL_PADDING, size));
    const preparedHeader = header ? prepareRow(header) : undefined;
    if (preparedHeader) this.drawRow(preparedHeader, widths, true);
    // drawRow repeats the header itself on every page the table continues on.
    for (const row of rows) this.drawRow(prepareRow(row), widths, false, preparedHeader);
    this.y -= size * 0.8;
    return this;
  }

  /** Vertical space in points (ignored at the top of a page). */
  spacer(points: number): this {
    if (this.y !== this.top) this.y = Math.max(this.bottom, this.y - points);
    return this;
  }

  pageBreak(): this {
    if (this.y !== this.top) this.newPage();
    return this;
  }

  /** Draws the footers and page numbers and returns the PDF; the document is then finished. */
  async save(): Promise<Buffer> {
    if (this.saved) throw new PdfReportAlreadySavedError();
    this.saved = true;
    const pages = this.doc.getPages();
    const label = this.options.pageNumberLabel ?? ((n: number, total: number) => `${n}/${total}`);
    const size = 8;
    const y = this.layout.marginBottom;
    pages.forEach((page, index) => {
      page.drawLine({
        start: { x: this.layout.marginLeft, y: y + size + 4 },
        end: { x: this.layout.width - this.layout.marginRight, y: y + size + 4 },
        thickness: 0.5,
        color: BORDER,
      });
      const number = label(index + 1, pages.length);
      const numberWidth = this.fonts.regular.widthOfTextAtSize(number, size);
      page.drawText(number, {
        x: this.layout.width - this.layout.marginRight - numberWidth,
        y,
        size,
        font: this.fonts.regular,
        color: TONES.muted,
      });
      if (this.options.footer) {
        const [first] = this.wrap(
          this.options.footer,
          this.contentWidth - numberWidth - 12,
          this.fonts.regular,
          size,
        );
        page.drawText(first ?? '', {
          x: this.layout.marginLeft,
          y,
          size,
          font: this.fonts.regular,
          color: TONES.muted,
        });
      }
    });
    return Buffer.from(await this.doc.save());
  }

  private get top(): number {
    return this.layout.height - this.layout.marginTop;
  }

  private get bottom(): number {
    return this.layout.marginBottom + this.layout.footerHeight;
  }

  private get contentWidth(): number {
    return this.layout.width - this.layout.marginLeft - this.layout.marginRight;
  }

  private addPage(): PDFPage {
    return this.doc.addPage([this.layout.width, this.layout.height]);
  }

  private newPage(): void {
    this.page = this.addPage();
    this.y = this.top;
  }

  private wrap(text: string, width: number, font: PDFFont, size: number): string[] {
    return wrapText(sanitize(text), width, (t) => font.widthOfTextAtSize(t, size));
  }

  private prepare(cell: TableCell, width: number, defaultSize: number): PreparedCell {
    const { text, style = {} } = typeof cell === 'string' ? { text: cell } : cell;
    const font = style.bold ? this.fonts.bold : this.fonts.regular;
    const size = style.size ?? defaultSize;
    return {
      lines: this.wrap(text, width, font, size),
      font,
      size,
      color: TONES[style.tone ?? 'normal'],
    };
  }

  /** Lines flowing onto new pages as needed. */
  private writeLines(lines: readonly string[], style: Omit<PreparedCell, 'lines'>): void {
    const lineHeight = style.size * LINE_SPACING;
    for (const line of lines) {
      if (this.y - lineHeight < this.bottom) this.newPage();
      this.y -= lineHeight;
      this.page.drawText(line, {
        x: this.layout.marginLeft,
        y: this.y + (lineHeight - style.size) / 2,
        size: style.size,
        font: style.font,
        color: style.color,
      });
    }
  }

  /**
   * One table row with borders. A row that does not fit the rest of the page moves to the next
   * one; a row taller than a whole page is split line by line.
   */
  private drawRow(
    cells: readonly PreparedCell[],
    widths: readonly number[],
    isHeader: boolean,
    header?: readonly PreparedCell[],
  ): void {
    const lineHeightOf = (cell: PreparedCell): number => cell.size * LINE_SPACING;
    const heightOf = (from: number): number =>
      Math.max(...cells.map((cell) => Math.max(1, cell.lines.length - from) * lineHeightOf(cell))) +
      2 * CELL_PADDING;
    let from = 0;
    const rowLines = Math.max(1, ...cells.map((cell) => cell.lines.length));
    while (from < rowLines) {
      const whole = heightOf(from);
      const pageRoom = this.top - this.bottom;
      if (this.y - whole < this.bottom && (whole <= pageRoom || this.y - this.bottom < 40)) {
        this.newPage();
        if (header && !isHeader) this.drawRow(header, widths, true);
      }
      const room = this.y - this.bottom - 2 * CELL_PADDING;
      const maxLineHeight = Math.max(...cells.map(lineHeightOf));
      const count = Math.max(1, Math.min(rowLines - from, Math.floor(room / maxLineHeight)));
      const height =
        Math.max(
          ...cells.map(
            (cell) => Math.max(1, Math.min(count, cell.lines.length - from)) * lineHeightOf(cell),
          ),
        ) +
        2 * CELL_PADDING;
      this.drawCells(cells, widths, from, count, height, isHeader);
      this.y -= height;
      from += count;
      if (from < rowLines) {
        this.newPage();
        if (header && !isHeader) this.drawRow(header, widths, true);
      }
    }
  }

  private drawCells(
    cells: readonly PreparedCell[],
    widths: readonly number[],
    from: number,
    count: number,
    height: number,
    filled: boolean,
  ): void {
    let x = this.layout.marginLeft;
    cells.forEach((cell, i) => {
      this.page.drawRectangle({
        x,
        y: this.y - height,
        width: widths[i],
        height,
        borderColor: BORDER,
        borderWidth: 0.5,
        color: filled ? HEADER_FILL : undefined,
      });
      const lineHeight = cell.size * LINE_SPACING;
      cell.lines.slice(from, from + count).forEach((line, n) => {
        this.page.drawText(line, {
          x: x + CELL_PADDING,
          y: this.y - CELL_PADDING - (n + 1) * lineHeight + (lineHeight - cell.size) / 2,
          size: cell.size,
          font: cell.font,
          color: cell.color,
        });
      });
      x += widths[i];
    });
  }
}

/**
 * Characters a font cannot draw as text: control characters (tabs become spaces) and unpaired
 * surrogates. Report values come from certificates and PDFs, which are attacker-supplied.
 */
function sanitize(text: string): string {
  return text
    .replace(/\t/g, '    ')
    .replace(/(?![\n\r])\p{Cc}/gu, '\uFFFD')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .normalize('NFC');
}
