import { deflateSync } from 'node:zlib';
import { DEFAULT_PDF_LIMITS } from './pdf-limits';
import { prescanPdfResources } from './pdf-resource-prescan';
import { PdfStructureError } from './pdf-structure-error';

function objectStream(data: Buffer, filter = '/FlateDecode', count = 1): Buffer {
  return Buffer.concat([
    Buffer.from(
      `%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N ${count} /First 4 /Filter ${filter} /Length ${data.length} >>\nstream\n`,
      'latin1',
    ),
    data,
    Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
  ]);
}

function codeOf(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof PdfStructureError ? error.reportCode : 'OTHER';
  }
}

describe('prescanPdfResources', () => {
  it('lets an ordinary object stream through', () => {
    const pdf = objectStream(deflateSync(Buffer.from('2 0 << /Type /Annot >>')));
    expect(codeOf(() => prescanPdfResources(pdf, DEFAULT_PDF_LIMITS))).toBeUndefined();
  });

  it('stops a deflate bomb in an object stream before pdf-lib inflates it', () => {
    const bomb = objectStream(deflateSync(Buffer.alloc(8 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(20_000);
    const limits = { ...DEFAULT_PDF_LIMITS, maxDecodedStreamBytes: 1024 * 1024 };
    expect(codeOf(() => prescanPdfResources(bomb, limits))).toBe('PDF_STREAM_TOO_LARGE');
  });

  it('refuses object streams with filters whose expansion it cannot bound', () => {
    expect(
      codeOf(() =>
        prescanPdfResources(objectStream(Buffer.from('x'), '/LZWDecode'), DEFAULT_PDF_LIMITS),
      ),
    ).toBe('PDF_UNPARSEABLE');
  });

  it('counts declared objects against the limit', () => {
    const limits = { ...DEFAULT_PDF_LIMITS, maxObjects: 100 };
    const many = objectStream(deflateSync(Buffer.from('2 0')), '/FlateDecode', 1000);
    expect(codeOf(() => prescanPdfResources(many, limits))).toBe('PDF_TOO_MANY_OBJECTS');
    const headers = Buffer.from(
      `%PDF-1.7\n${Array.from({ length: 101 }, (_, i) => `${i + 1} 0 obj null endobj`).join('\n')}`,
    );
    expect(codeOf(() => prescanPdfResources(headers, limits))).toBe('PDF_TOO_MANY_OBJECTS');
  });

  it('refuses nesting too deep, also inside a compressed object stream', () => {
    const limits = { ...DEFAULT_PDF_LIMITS, maxNestingDepth: 16 };
    const nested = Buffer.from(`2 0 ${'['.repeat(100)}${']'.repeat(100)}`);
    expect(codeOf(() => prescanPdfResources(objectStream(deflateSync(nested)), limits))).toBe(
      'PDF_NESTING_TOO_DEEP',
    );
    expect(
      codeOf(() =>
        prescanPdfResources(objectStream(deflateSync(Buffer.from('2 0 [[1]]'))), limits),
      ),
    ).toBeUndefined();
  });
});
