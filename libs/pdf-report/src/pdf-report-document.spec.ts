import { PDFDocument } from 'pdf-lib';
import { PdfReportDocument } from './pdf-report-document';
import { PdfReportAlreadySavedError } from './pdf-report.errors';
import { extractPdfText, pdfPageCount } from './testing/pdf-text';

/** pdftotext may join or split words at line ends; compare with whitespace collapsed. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

describe('PdfReportDocument', () => {
  it('writes Vietnamese text that survives extraction with its diacritics', async () => {
    const report = await PdfReportDocument.create({
      title: 'Báo cáo kiểm tra chữ ký số',
      language: 'vi',
      footer: 'docaxis — Trục liên thông văn bản',
      pageNumberLabel: (page, total) => `Trang ${page}/${total}`,
      creationDate: new Date('2026-11-23T08:00:00Z'),
    });
    report
      .heading('Báo cáo kiểm tra chữ ký số')
      .paragraph('Chữ ký hợp lệ. Người ký: Nguyễn Văn Ạ, Ủy ban nhân dân tỉnh Đắk Lắk.')
      .keyValueTable([
        ['Kết luận', { text: 'Hợp lệ', style: { tone: 'success', bold: true } }],
        ['Thời điểm ký', '23/11/2026 15:00:00 (theo dấu thời gian)'],
      ]);
    const pdf = await report.save();

    const text = flat(extractPdfText(pdf));
    expect(text).toContain('Báo cáo kiểm tra chữ ký số');
    expect(text).toContain('Chữ ký hợp lệ. Người ký: Nguyễn Văn Ạ, Ủy ban nhân dân tỉnh Đắk Lắk.');
    expect(text).toContain('Kết luận Hợp lệ');
    expect(text).toContain('theo dấu thời gian');
    expect(text).toContain('docaxis — Trục liên thông văn bản');
    expect(text).toContain('Trang 1/1');

    const parsed = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(parsed.getTitle()).toBe('Báo cáo kiểm tra chữ ký số');
    expect(parsed.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
  });

  it('flows long content onto numbered pages and repeats the table header', async () => {
    const report = await PdfReportDocument.create({
      title: 'Long',
      pageNumberLabel: (page, total) => `Page ${page} of ${total}`,
    });
    report.heading('Many rows');
    report.table(
      Array.from({ length: 120 }, (_, i) => [
        `row ${i}`,
        `value ${i} `.repeat(i % 7 === 0 ? 30 : 1),
      ]),
      { header: ['Key column', 'Value column'], columnRatios: [1, 3] },
    );
    report.pageBreak().heading('After the break', 2).paragraph('last words');
    const pdf = await report.save();

    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(2);
    const text = flat(extractPdfText(pdf));
    for (let page = 1; page <= pages; page += 1) {
      expect(text).toContain(`Page ${page} of ${pages}`);
    }
    expect(text.split('Key column').length - 1).toBeGreaterThanOrEqual(pages - 1);
    expect(text).toContain('row 0');
    expect(text).toContain('row 119');
    // pageBreak() put the last heading on a page of its own, the last one.
    const lastPage = extractPdfText(pdf).split('\f')[pages - 1];
    expect(lastPage).toContain('After the break');
    expect(lastPage).not.toContain('row 119');
  });

  it('splits a row taller than a page instead of losing its text', async () => {
    const report = await PdfReportDocument.create({ title: 'Tall' });
    const words = Array.from({ length: 2500 }, (_, i) => `w${i}`).join(' ');
    report.keyValueTable([['Huge', words]]);
    const pdf = await report.save();
    expect(pdfPageCount(pdf)).toBeGreaterThan(1);
    const text = flat(extractPdfText(pdf));
    expect(text).toContain('w0 ');
    expect(text).toContain('w2499');
  });

  it('draws hostile text (control characters, lone surrogates) instead of failing', async () => {
    const report = await PdfReportDocument.create({ title: 'Hostile' });
    report.paragraph('CN=evil\u0000\u0007\ud800 name\tend');
    const text = extractPdfText(await report.save());
    expect(text).toContain('CN=evil');
    expect(text).toContain('end');
  });

  it('is written once', async () => {
    const report = await PdfReportDocument.create({ title: 'Once' });
    await report.save();
    await expect(report.save()).rejects.toBeInstanceOf(PdfReportAlreadySavedError);
  });
});
